// Small browser helpers the components call. No third-party code. The only storage is the tab's own
// encrypted copy of the visit, written by the server through ProtectedSessionStorage (ADR 5).
(function () {
    'use strict';

    // Offer text as a file download without storing it anywhere else.
    window.healingCompassDownload = function (fileName, text) {
        var blob = new Blob([text], { type: 'application/json' });
        var url = URL.createObjectURL(blob);
        var a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    };

    window.healingCompassPrint = function () { window.print(); };

    // A file larger than a form accepts is named as soon as it is chosen, and the form is not sent: otherwise the
    // server has to stop reading it part-way, which a browser shows as a broken connection with no explanation.
    // The input says its limit (data-max-bytes) and the sentence to show (data-size-message); the page's own
    // element [data-size-problem-for=<input id>] shows it to everyone, screen readers included.
    function checkFileSize(input) {
        var max = Number(input.getAttribute('data-max-bytes'));
        var tooBig = Array.prototype.some.call(input.files || [], function (f) { return f.size > max; });
        var message = tooBig ? (input.getAttribute('data-size-message') || 'This file is too large.') : '';
        input.setCustomValidity(message);
        var note = document.querySelector('[data-size-problem-for="' + input.id + '"]');
        if (note) { note.textContent = message; note.hidden = !tooBig; }
        return !tooBig;
    }
    document.addEventListener('change', function (event) {
        var input = event.target;
        if (input && input.type === 'file' && input.hasAttribute('data-max-bytes')) { checkFileSize(input); }
    });
    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form || !form.querySelectorAll) { return; }
        Array.prototype.forEach.call(form.querySelectorAll('input[type=file][data-max-bytes]'), function (input) {
            if (!checkFileSize(input)) { event.preventDefault(); event.stopPropagation(); input.focus(); }
        });
    }, true);

    // The browser's time zone, so a kept plan's weeks are the person's own (sent once, when they keep it).
    window.healingCompassTimeZone = function () {
        try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
    };

    // A printout carries everything, including what sits behind a disclosure on screen: open each closed
    // <details> for the print and close it again afterwards.
    var openedForPrint = [];
    window.addEventListener('beforeprint', function () {
        openedForPrint = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (d) { d.open = true; return true; });
    });
    window.addEventListener('afterprint', function () {
        openedForPrint.forEach(function (d) { d.open = false; });
        openedForPrint = [];
    });

    // The system's colour preference, read once for the visit's first theme (nothing is stored).
    window.healingCompassPrefersDark = function () {
        return !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
    };

    // Move keyboard and screen-reader focus to a heading after the screen changes under them.
    window.healingCompassFocus = function (selector) {
        var el = document.querySelector(selector);
        if (!el) { return; }
        el.scrollIntoView({ block: 'start' });
        el.focus({ preventScroll: true });
    };

    // Moving between the app's pages replaces the current history entry instead of adding one. The app
    // then holds a single entry in the tab's history, so after quick exit (which replaces that entry too)
    // Back cannot return to any page of it. The walk-through has its own Back button. See ADR 4.
    document.addEventListener('click', function (event) {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
        var link = event.target && event.target.closest ? event.target.closest('a[href]') : null;
        if (!link || link.hasAttribute('data-quick-exit') || link.hasAttribute('download') || link.target || link.classList.contains('reload')) { return; }
        var url = new URL(link.href, document.baseURI);
        if (url.origin !== location.origin || (url.hash && url.pathname === location.pathname)) { return; }
        event.preventDefault();
        event.stopPropagation();
        // Account and check-in pages are static forms outside the interactive router: load them in full.
        var isAccountPage = url.pathname === '/account' || url.pathname.indexOf('/account/') === 0
            || ['/my-plan', '/check-in', '/progress'].indexOf(url.pathname) >= 0;
        // Signing in mid-assessment comes back to the same page, where the kept answers are offered to the account.
        if (url.pathname === '/account/login' && !url.searchParams.has('returnUrl') && location.pathname.indexOf('/account') !== 0) {
            url.searchParams.set('returnUrl', location.pathname);
        }
        if (!isAccountPage && window.Blazor && typeof Blazor.navigateTo === 'function') {
            Blazor.navigateTo(url.href, { replaceHistoryEntry: true });
        } else {
            location.replace(url.href);
        }
    }, true);

    // The connection banner (Blazor shows and hides it by class). When the server no longer has this
    // page's circuit, resume it if it can be, or reload as a last resort.
    var banner = document.getElementById('components-reconnect-modal');
    if (!banner) { return; }

    async function resumeOrExplain() {
        try {
            if (await Blazor.resumeCircuit()) { return; }
        } catch (e) { /* the server may be unreachable: keep the page and its quick exit */ }
        banner.classList.add('components-reconnect-rejected');
    }

    async function retry() {
        try {
            var ok = await Blazor.reconnect();
            if (!ok) { await resumeOrExplain(); }
        } catch (e) {
            document.addEventListener('visibilitychange', retryWhenVisible);
        }
    }

    async function retryWhenVisible() {
        if (document.visibilityState === 'visible') {
            document.removeEventListener('visibilitychange', retryWhenVisible);
            await retry();
        }
    }

    banner.addEventListener('components-reconnect-state-changed', function (event) {
        var state = event.detail.state;
        if (state === 'failed') {
            document.addEventListener('visibilitychange', retryWhenVisible);
        } else if (state === 'rejected') {
            // The server no longer has this page's circuit. Never reload on our own: if the server is
            // unreachable, a reload leaves an error page without quick exit. Try to resume; otherwise
            // the banner offers a reload the person chooses.
            resumeOrExplain();
        }
    });

    var retryButton = document.getElementById('components-reconnect-button');
    if (retryButton) { retryButton.addEventListener('click', retry); }
    // The same page again (in-app moves replace the history entry, so this is where the person is), not
    // the welcome page: the tab's kept visit comes back there.
    var reloadButton = document.getElementById('hc-reload-button');
    if (reloadButton) { reloadButton.addEventListener('click', function () { location.reload(); }); }
    var resumeButton = document.getElementById('components-resume-button');
    if (resumeButton) {
        resumeButton.addEventListener('click', async function () {
            try {
                if (!(await Blazor.resumeCircuit())) { banner.classList.add('components-reconnect-rejected'); }
            } catch (e) { /* the banner keeps its message; the person can try again */ }
        });
    }
}());
