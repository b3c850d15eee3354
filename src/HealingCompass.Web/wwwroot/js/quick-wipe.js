// Quick wipe (ADR 15): on a signed-in page, the button or Alt+Shift+W starts a visible 10-second countdown
// with a big Cancel (focused; Escape cancels too). When it runs out, the page is blanked, the account and
// everything in it is deleted on the server, and the tab leaves through quick exit's own way out
// (quick-exit.js), so Back does not return. Plain JavaScript with no dependency on Blazor.
(function () {
    'use strict';

    var SECONDS = 10;
    var TOKEN_URL = '/account/wipe/token';
    var WIPE_URL = '/account/wipe';
    var overlay = null;
    var count = null;
    var timer = null;
    var remaining = 0;
    var token = null;
    var returnFocus = null;

    function offered() { return !!document.querySelector('[data-quick-wipe]'); }

    // The antiforgery token is asked for when the countdown starts, so no page carries one for this.
    function fetchToken() {
        return fetch(TOKEN_URL, { credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) { return response.ok ? response.json() : null; })
            .catch(function () { return null; });
    }

    function say(seconds) {
        return 'Deleting this account and everything in it in ' + seconds + (seconds === 1 ? ' second.' : ' seconds.');
    }

    function build() {
        var box = document.createElement('div');
        box.className = 'hc-wipe-overlay';
        box.setAttribute('role', 'alertdialog');
        box.setAttribute('aria-modal', 'true');
        box.setAttribute('aria-labelledby', 'hc-wipe-title');
        box.setAttribute('aria-describedby', 'hc-wipe-count hc-wipe-then');
        box.innerHTML =
            '<div class="hc-wipe-overlay__panel">' +
            '<h2 id="hc-wipe-title" class="hc-wipe-overlay__title">Quick wipe</h2>' +
            '<p id="hc-wipe-count" class="hc-wipe-overlay__count" aria-live="polite" aria-atomic="true"></p>' +
            '<p id="hc-wipe-then">Then this page goes to a neutral site. Nothing is deleted if you cancel now.</p>' +
            '<button type="button" class="hc-wipe-overlay__cancel" data-quick-wipe-cancel>Cancel, keep everything</button>' +
            '</div>';
        count = box.querySelector('#hc-wipe-count');
        count.textContent = say(SECONDS);
        return box;
    }

    function start() {
        if (overlay || !offered()) { return; }
        returnFocus = document.activeElement;
        remaining = SECONDS;
        token = fetchToken();
        overlay = build();
        document.body.appendChild(overlay);
        overlay.querySelector('[data-quick-wipe-cancel]').focus();
        timer = window.setInterval(tick, 1000);
    }

    function tick() {
        remaining -= 1;
        if (remaining > 0) {
            count.textContent = say(remaining);
            return;
        }
        window.clearInterval(timer);
        wipe();
    }

    function cancel() {
        if (!overlay) { return; }
        window.clearInterval(timer);
        overlay.remove();
        overlay = null;
        token = null;
        if (returnFocus && returnFocus.focus) { returnFocus.focus(); }
    }

    function wipe() {
        var exit = window.healingCompassQuickExit;
        exit.blank();
        token.then(function (t) {
            if (!t) { throw new Error('no token'); }
            var body = new URLSearchParams();
            body.append(t.field, t.token);
            return fetch(WIPE_URL, { method: 'POST', credentials: 'same-origin', body: body, keepalive: true });
        }).then(function (response) {
            // Gone: leave without the lock (there is nothing left to lock, and no flag is left behind).
            if (response.ok) { exit.leave(); } else { exit(); }
        }, function () {
            // The server could not be reached: leave anyway, and lock as quick exit does.
            exit();
        });
    }

    document.addEventListener('click', function (event) {
        var target = event.target && event.target.closest ? event.target : null;
        if (!target) { return; }
        if (target.closest('[data-quick-wipe-cancel]')) {
            event.preventDefault();
            cancel();
        } else if (target.closest('[data-quick-wipe]')) {
            event.preventDefault();
            start();
        }
    }, true);

    document.addEventListener('keydown', function (event) {
        if (overlay) {
            if (event.key === 'Escape') {
                event.preventDefault();
                cancel();
            } else if (event.key === 'Tab') {
                // Cancel is the only thing to reach while the countdown shows.
                event.preventDefault();
                overlay.querySelector('[data-quick-wipe-cancel]').focus();
            }
            return;
        }
        if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyW' && !event.repeat) {
            event.preventDefault();
            start();
        }
    }, true);
}());
