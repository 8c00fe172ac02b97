/*
 * The kanban board of /companies/{id}/tasks: cards are dragged with the browser's own drag and drop
 * (delegated handlers, so cards re-rendered by AJAX keep working). A drop asks the server through
 * the remote command pcMoveCard; the card stays where it was until the server re-renders the board,
 * so a refused move never looks as if it had happened.
 */
var PcTasks = (function () {
    var dragged = null;

    function column(target) {
        return target && target.closest ? target.closest('.pc-t-col') : null;
    }

    function clearHover() {
        document.querySelectorAll('.pc-t-col.pc-t-over').forEach(function (c) { c.classList.remove('pc-t-over'); });
    }

    document.addEventListener('dragstart', function (e) {
        var card = e.target.closest ? e.target.closest('.pc-t-card') : null;
        if (!card) {
            return;
        }
        dragged = card;
        card.classList.add('pc-t-dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', card.getAttribute('data-issue'));
    });

    document.addEventListener('dragend', function () {
        if (dragged) {
            dragged.classList.remove('pc-t-dragging');
        }
        clearHover();
    });

    document.addEventListener('dragover', function (e) {
        var col = column(e.target);
        if (!col || !dragged) {
            return;
        }
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!col.classList.contains('pc-t-over')) {
            clearHover();
            col.classList.add('pc-t-over');
        }
    });

    document.addEventListener('drop', function (e) {
        var col = column(e.target);
        if (!col || !dragged) {
            return;
        }
        e.preventDefault();
        clearHover();
        var card = dragged;
        dragged = null;
        card.classList.remove('pc-t-dragging');
        var from = card.getAttribute('data-status');
        var to = col.getAttribute('data-status');
        if (from === to) {
            return;
        }
        card.classList.add('pc-t-pending');
        col.classList.add('pc-t-busy');
        pcMoveCard([
            {name: 'issueId', value: card.getAttribute('data-issue')},
            {name: 'from', value: from},
            {name: 'to', value: to}
        ]);
    });

    return {
        /** After the server answered a move: the board is re-rendered, nothing left to undo. */
        moved: function () {
            clearHover();
            document.querySelectorAll('.pc-t-busy').forEach(function (c) { c.classList.remove('pc-t-busy'); });
        }
    };
})();
