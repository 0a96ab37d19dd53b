// The widget's CSS (inside its shadow root, so the school's page and the widget do not restyle each other).
// Colours: text ≥ 4.5:1 on its background; borders and focus rings ≥ 3:1.

export function css(primary: string, onPrimary: string, side: "right" | "left"): string {
  return `
:host { all: initial; }
* { box-sizing: border-box; }
.cg-root { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; }
.cg-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, input { font: inherit; }
:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.cg-launcher { position: fixed; bottom: 16px; ${side}: 16px; z-index: 2147483000; display: inline-flex; align-items: center; gap: .5em;
  min-height: 48px; padding: .6em 1.1em; border: 2px solid ${onPrimary}; border-radius: 999px; background: ${primary}; color: ${onPrimary};
  font-weight: 600; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.cg-launcher:focus-visible { outline: 3px solid #111; box-shadow: 0 0 0 6px #fff; }
.cg-launcher svg { width: 1.3em; height: 1.3em; fill: currentColor; }
.cg-panel { position: fixed; bottom: 80px; ${side}: 16px; z-index: 2147483001; display: flex; flex-direction: column;
  width: min(24rem, calc(100vw - 32px)); height: min(38rem, calc(100vh - 100px)); background: #fff; color: #1a1a1a;
  border: 1px solid #6b6b6b; border-radius: 12px; box-shadow: 0 6px 24px rgba(0,0,0,.3); overflow: hidden;
  transition: opacity .15s ease, transform .15s ease; }
.cg-panel[hidden] { display: none; }
.cg-header { display: flex; align-items: center; gap: .5em; padding: .5em .75em; background: ${primary}; color: ${onPrimary}; }
.cg-title { flex: 1; margin: 0; font-size: 1.05em; font-weight: 700; }
.cg-icon-btn { min-width: 44px; min-height: 44px; padding: 0 .5em; border: 1px solid transparent; border-radius: 8px;
  background: transparent; color: ${onPrimary}; cursor: pointer; }
.cg-icon-btn:hover { border-color: ${onPrimary}; }
.cg-icon-btn:focus-visible { outline: 3px solid ${onPrimary}; outline-offset: -3px; }
.cg-status { padding: .5em .75em; background: #fff4e5; color: #5c2c00; border-bottom: 1px solid #a65e00; font-size: .95em; }
.cg-status:empty { display: none; }
.cg-log { flex: 1; overflow-y: auto; padding: .75em; display: flex; flex-direction: column; gap: .6em; }
.cg-msg { display: flex; flex-direction: column; max-width: 100%; }
.cg-bubble { padding: .5em .75em; border-radius: 12px; overflow-wrap: anywhere; }
.cg-bot .cg-bubble { align-self: flex-start; max-width: 92%; background: #f1f3f5; color: #1a1a1a; border: 1px solid #d0d4d9; }
.cg-user .cg-bubble { align-self: flex-end; max-width: 85%; background: ${primary}; color: ${onPrimary}; white-space: pre-wrap; }
.cg-greeting .cg-bubble { background: #f1f3f5; }
.cg-p { margin: 0 0 .5em; } .cg-p:last-child { margin-bottom: 0; }
.cg-list { margin: .25em 0 .5em; padding-left: 1.3em; }
.cg-link { color: #0b4f9c; text-decoration: underline; }
.cg-img { display: block; max-width: 100%; height: auto; margin: .4em 0; border-radius: 8px; }
.cg-card { margin: .5em 0 0; padding: .5em; border: 1px solid #8a8f96; border-radius: 8px; background: #fff; }
.cg-card-title { margin: 0 0 .25em; font-weight: 700; }
.cg-choices { display: flex; flex-wrap: wrap; gap: .4em; margin-top: .4em; }
.cg-choice { display: inline-block; min-height: 44px; padding: .5em .8em; border: 2px solid #0b4f9c; border-radius: 999px;
  background: #fff; color: #0b4f9c; text-align: left; text-decoration: none; cursor: pointer; }
.cg-choice:hover { background: #e8f0fb; }
.cg-choice:disabled { border-color: #6b6b6b; color: #4d4d4d; cursor: default; }
.cg-typing { display: flex; gap: 4px; align-items: center; padding: 0 .75em .4em; min-height: 1.2em; }
.cg-typing[hidden] { display: none; }
.cg-typing span { width: 8px; height: 8px; border-radius: 50%; background: #4d4d4d; animation: cg-blink 1.2s infinite ease-in-out; }
.cg-typing span:nth-child(2) { animation-delay: .2s; } .cg-typing span:nth-child(3) { animation-delay: .4s; }
@keyframes cg-blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
.cg-form { display: flex; gap: .4em; padding: .5em; border-top: 1px solid #8a8f96; }
.cg-form label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.cg-input { flex: 1; min-width: 0; min-height: 44px; padding: .4em .6em; border: 2px solid #6b6b6b; border-radius: 8px; color: #1a1a1a; background: #fff; }
.cg-send { min-height: 44px; padding: 0 1em; border: 2px solid ${primary}; border-radius: 8px; background: ${primary}; color: ${onPrimary}; font-weight: 600; cursor: pointer; }
@media (max-width: 480px), (max-height: 500px) {
  .cg-panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; border: 0; }
}
@media (prefers-reduced-motion: reduce) {
  .cg-panel { transition: none; }
  .cg-typing span { animation: none; opacity: .7; }
  .cg-log { scroll-behavior: auto; }
}
`;
}
