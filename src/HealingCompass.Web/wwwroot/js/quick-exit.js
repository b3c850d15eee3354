// Quick exit: plain JavaScript, loaded before anything else, with no dependency on Blazor, so it works
// before the circuit connects, while it reconnects, and after the server has gone.
(function () {
    'use strict';

    var FALLBACK = 'https://www.bbc.co.uk/weather';
    // Three Shift presses within five seconds: forgiving for people who press slowly (GOV.UK's "Exit
    // this page" works the same way), and still not something a person does by accident.
    var WINDOW_MS = 5000;
    var presses = [];
    var leaving = false;
    // Quick exit also locks (ends this browser's sign-in and drops the unlocked key on the server). The
    // neutral page comes first, so the lock is a beacon; this flag stays until a lock is known to have
    // gone through, so if the server was unreachable the next page load locks before showing anything.
    var LOCK_URL = '/account/lock';
    var LOCK_FLAG = 'hc.lock-pending';

    // The beacon goes when this page is being replaced by the neutral one (pagehide), never before: a lock
    // that reached the server while this page still stood would make the open circuit navigate to the
    // sign-in page, and that navigation would win over the one to the neutral page.
    function lockInBackground() {
        try { window.localStorage.setItem(LOCK_FLAG, '1'); } catch (e) { /* storage may be off */ }
        window.addEventListener('pagehide', function () {
            try { if (navigator.sendBeacon) { navigator.sendBeacon(LOCK_URL); } } catch (e) { /* leaving matters more */ }
        }, { once: true });
    }

    // A lock still pending from an earlier quick exit: hide the page, lock, then load it again signed out.
    try {
        if (window.localStorage.getItem(LOCK_FLAG) === '1') {
            document.documentElement.style.visibility = 'hidden';
            fetch(LOCK_URL, { method: 'POST', credentials: 'same-origin', keepalive: true }).then(function (response) {
                if (response.ok) {
                    window.localStorage.removeItem(LOCK_FLAG);
                    window.location.reload();
                }
            }, function () { /* still unreachable: the page stays hidden; it is not showing anything anyway */ });
        }
    } catch (e) { /* no storage, nothing pending */ }

    // Read once, before anything is blanked: the link is gone with the page's markup.
    var neutral = null;
    function neutralUrl() {
        if (neutral) { return neutral; }
        var link = document.querySelector('[data-quick-exit]');
        neutral = (link && link.getAttribute('href')) || FALLBACK;
        return neutral;
    }

    // Blank the page so nothing stays on screen while the next site loads (or while quick wipe finishes).
    function blank() {
        neutralUrl();
        try {
            document.title = '';
            document.documentElement.style.background = '#fff';
            if (document.body) { document.body.innerHTML = ''; }
        } catch (e) { /* leaving matters more than blanking */ }
    }

    // Leaving without the lock: quick wipe's way out once the account is already gone.
    function leave() {
        if (leaving) { return; }
        leaving = true;
        var url = neutralUrl();
        blank();
        // The tab's kept copy of the visit goes too (ADR 5), even with the server unreachable.
        try { window.sessionStorage.clear(); } catch (e) { /* storage may be blocked: nothing kept then */ }
        // replace(): the app's page is swapped out of this history entry, so Back does not return to it.
        window.location.replace(url);
    }

    function exitNow() {
        if (leaving) { return; }
        lockInBackground();
        leave();
    }

    document.addEventListener('click', function (event) {
        var target = event.target;
        var link = target && target.closest ? target.closest('[data-quick-exit]') : null;
        if (link) {
            event.preventDefault();
            event.stopImmediatePropagation();
            exitNow();
        }
    }, true);

    // A press counts when Shift goes up without another key in between, so typing capitals never
    // triggers it; any other key starts the count again.
    var shiftAlone = false;
    document.addEventListener('keydown', function (event) {
        if (event.key === 'Shift') {
            if (!event.repeat) { shiftAlone = true; }
            return;
        }
        shiftAlone = false;
        presses = [];
    }, true);

    document.addEventListener('keyup', function (event) {
        if (event.key !== 'Shift' || !shiftAlone) { return; }
        shiftAlone = false;
        var now = Date.now();
        presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
        presses.push(now);
        if (presses.length >= 3) { exitNow(); }
    }, true);

    // Leaving the page through browser history must not show it again from the back-forward cache.
    window.addEventListener('pageshow', function (event) {
        if (event.persisted && leaving) { document.body.innerHTML = ''; }
    });

    // Quick wipe (quick-wipe.js) leaves the same way: blank() while it deletes, then leave() or, if the
    // delete could not be confirmed, exitNow() (which locks as well).
    exitNow.blank = blank;
    exitNow.leave = leave;
    window.healingCompassQuickExit = exitNow;
}());
