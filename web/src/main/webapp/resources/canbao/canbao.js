/*
 * The counter's cash confirmation: the change for the cash received, computed in fen (whole numbers), never in
 * floating-point yuan. The amount comes from the confirmation's data-amount, the texts from data attributes; dialogId
 * names the confirmation (the person's or the household's) when the page has more than one.
 */
function canbaoChange(dialogId) {
    var root = (dialogId && document.getElementById(dialogId)) || document;
    var amountEl = root.querySelector('[data-amount]');
    var received = root.querySelector('.cb-received');
    var change = root.querySelector('[data-change]');
    if (!amountEl || !received || !change) {
        return;
    }
    var fen = function (text) {
        var m = /^\s*(\d{1,10})(?:\.(\d{0,2}))?\s*$/.exec(text || '');
        return m ? parseInt(m[1], 10) * 100 + parseInt(((m[2] || '') + '00').substring(0, 2), 10) : null;
    };
    var due = fen(amountEl.getAttribute('data-amount'));
    var got = fen(received.value);
    if (due === null || got === null) {
        change.textContent = '—';
        return;
    }
    var rest = got - due;
    change.textContent = rest < 0 ? change.getAttribute('data-short')
        : Math.floor(rest / 100) + '.' + ('0' + (rest % 100)).slice(-2) + ' ' + change.getAttribute('data-yuan');
}
