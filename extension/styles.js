// The overlay's stylesheet. It lives inside the overlay's shadow root, so Gmail's CSS and ours never mix.
const GiveFirstStyles = `
:host { all: initial; }
[hidden] { display: none !important; }
.gf-layer { position: fixed; left: 0; top: 0; width: 0; height: 0; }
.gf-line, .gf-mark { position: fixed; pointer-events: none; box-sizing: border-box; }
.gf-line { height: 2px; border-radius: 1px; }
.gf-line.gf-info { background: none !important; border-bottom: 2px dotted; }
.gf-mark { opacity: 0.16; border-radius: 2px; }

.gf-card, .gf-chip, .gf-list {
  pointer-events: auto; box-sizing: border-box; color: #202124;
  font: 13px/1.45 "Google Sans", Roboto, system-ui, -apple-system, "Segoe UI", sans-serif;
}
.gf-card {
  position: fixed; inset: auto; margin: 0; border: none; overflow: visible; width: 320px; max-width: calc(100vw - 16px); padding: 12px 14px;
  background: #fff; border-radius: 8px; border-top: 4px solid;
  box-shadow: 0 2px 6px rgba(60, 64, 67, .3), 0 6px 20px rgba(60, 64, 67, .2);
}
.gf-card-category { font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; }
.gf-card-message { font-size: 14px; font-weight: 600; margin: 4px 0 6px; }
.gf-card-explanation { color: #3c4043; margin: 0 0 10px; }
.gf-card-ledger { color: #1a73e8; margin: 0 0 10px; }
.gf-card-rewrites { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 10px; }
.gf-card-actions { display: flex; gap: 8px; border-top: 1px solid #e8eaed; padding-top: 8px; }
.gf-card-hint { color: #5f6368; font-size: 11px; margin-top: 6px; }
button { font: inherit; cursor: pointer; border-radius: 16px; }
.gf-rewrite { background: #e8f0fe; color: #174ea6; border: 1px solid #d2e3fc; padding: 4px 12px; font-weight: 600; }
.gf-rewrite:hover { background: #d2e3fc; }
.gf-quiet { background: none; border: none; color: #5f6368; padding: 4px 6px; }
.gf-quiet:hover { color: #202124; background: #f1f3f4; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }

.gf-chip {
  position: fixed; display: flex; align-items: center; gap: 8px; max-width: 480px; padding: 3px 10px;
  background: rgba(255, 255, 255, .95); border: 1px solid #dadce0; border-radius: 14px;
  box-shadow: 0 1px 3px rgba(60, 64, 67, .2); font-size: 12px; white-space: nowrap;
}
.gf-chip.gf-offline { border-color: #f28b82; background: #fce8e6; white-space: normal; }
.gf-chip-main { background: none; border: none; padding: 0; display: flex; align-items: center; gap: 8px; color: inherit; }
.gf-count { display: inline-flex; align-items: center; gap: 3px; font-weight: 600; }
.gf-dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; }
.gf-metrics { color: #5f6368; }
.gf-ledger { color: #1a73e8; }
.gf-list {
  position: fixed; width: 340px; max-height: 320px; overflow: auto; padding: 6px 0; background: #fff;
  border-radius: 8px; box-shadow: 0 2px 6px rgba(60, 64, 67, .3), 0 6px 20px rgba(60, 64, 67, .2);
}
.gf-list-item, .gf-list-action {
  display: flex; gap: 8px; align-items: baseline; width: 100%; text-align: left; background: none;
  border: none; border-radius: 0; padding: 6px 12px; color: inherit;
}
.gf-list-item:hover, .gf-list-item:focus, .gf-list-action:hover, .gf-list-action:focus { background: #f1f3f4; outline: none; }
.gf-list-action { color: #5f6368; }
.gf-list-words { color: #5f6368; }
.gf-separator { border-top: 1px solid #e8eaed; margin: 4px 0; }
.gf-live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

/* Dark mode: the compose window's own background is dark (Gmail's theme, not the system's). */
.gf-card.gf-dark, .gf-dark .gf-list { background: #2d2e30; color: #e8eaed; }
.gf-dark .gf-card-explanation, .gf-card.gf-dark .gf-card-explanation { color: #bdc1c6; }
.gf-card.gf-dark .gf-card-actions { border-top-color: #5f6368; }
.gf-card.gf-dark .gf-card-hint, .gf-dark .gf-list-words, .gf-dark .gf-metrics { color: #9aa0a6; }
.gf-card.gf-dark .gf-card-ledger, .gf-dark .gf-ledger { color: #8ab4f8; }
.gf-card.gf-dark .gf-rewrite { background: #394457; color: #d2e3fc; border-color: #4a5a74; }
.gf-card.gf-dark .gf-quiet, .gf-dark .gf-quiet { color: #bdc1c6; }
.gf-card.gf-dark .gf-quiet:hover, .gf-dark .gf-list-item:hover, .gf-dark .gf-list-item:focus, .gf-dark .gf-list-action:focus { background: #3c4043; color: #e8eaed; }
.gf-dark .gf-chip, .gf-chip.gf-dark { background: rgba(45, 46, 48, .95); color: #e8eaed; border-color: #5f6368; }
.gf-dark .gf-separator { border-top-color: #5f6368; }
code { font-family: "Roboto Mono", monospace; background: rgba(0, 0, 0, .06); padding: 0 3px; border-radius: 3px; }
`;

if (typeof module !== 'undefined') module.exports = GiveFirstStyles;
