// The reader's stylesheet, adopted into its shadow root. Page CSS cannot reach inside the shadow
// root; `:host` rules are `!important` because important declarations from inside a shadow tree
// beat the page's own important rules on the host (CSS Cascade 5, "context").
//
// Theme colours were chosen by measured contrast (WCAG relative luminance), text on page and on
// toolbar backgrounds:
//   light    text 16.5:1, secondary 7.6:1, links 7.1:1, control borders 4.8:1
//   sepia    text 10.8:1, secondary 6.9:1, links 7.2:1, control borders 4.2:1
//   dark     text 11.6:1, secondary 7.3:1, links 8.4:1, control borders 4.4:1
//   contrast text 21:1, links 19.6:1 (AAA everywhere)

export const READER_CSS = /* css */ `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  width: auto !important;
  height: auto !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  transform: none !important;
  filter: none !important;
  opacity: 1 !important;
  visibility: visible !important;
  z-index: 2147483647 !important;
  contain: strict !important;
}

.qy-root {
  --bg: #ffffff; --bar: #f3f3f3; --fg: #1f1f1f; --muted: #4d4d4d; --link: #0a4fa3;
  --border: #6b6b6b; --btn: #ffffff; --focus: #0a4fa3; --hl-bg: #ffe680; --hl-fg: #1f1f1f;
  --rule: #d0d0d0;
  color-scheme: light;
  box-sizing: border-box;
  height: 100%;
  overflow: auto;
  overscroll-behavior: contain;
  background: var(--bg);
  color: var(--fg);
  font-family: var(--qy-font-family, sans-serif);
  font-size: 16px;
  line-height: 1.5;
  text-align: start;
  overflow-wrap: anywhere;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
.qy-root[data-theme='sepia'] {
  --bg: #f6efdc; --bar: #ece1c4; --fg: #36291a; --muted: #5a4630; --link: #7a3000;
  --border: #7a6648; --btn: #fbf6ea; --focus: #7a3000; --hl-bg: #f0c75e; --hl-fg: #36291a;
  --rule: #cdbd99;
}
.qy-root[data-theme='dark'] {
  --bg: #1c1c1e; --bar: #29292d; --fg: #e8e6e3; --muted: #bdb8b0; --link: #9cc8ff;
  --border: #8e8e93; --btn: #232326; --focus: #9cc8ff; --hl-bg: #5e4b00; --hl-fg: #ffffff;
  --rule: #4a4a4e;
  color-scheme: dark;
}
.qy-root[data-theme='contrast'] {
  --bg: #000000; --bar: #000000; --fg: #ffffff; --muted: #ffffff; --link: #ffff00;
  --border: #ffffff; --btn: #000000; --focus: #ffff00; --hl-bg: #ffff00; --hl-fg: #000000;
  --rule: #ffffff;
  color-scheme: dark;
}
.qy-root *, .qy-root *::before, .qy-root *::after { box-sizing: border-box; }
.qy-root:focus { outline: none; }
[hidden] { display: none !important; }

.qy-sr-only, .qy-icon-only .qy-label {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}

/* Toolbar: its own size, so that a 128 px reading size does not make the controls fill the screen. */
.qy-bar {
  position: sticky; top: 0; z-index: 1;
  background: var(--bar);
  border-bottom: 2px solid var(--rule);
  font-size: clamp(18px, calc(var(--qy-font-size, 20px) * 0.75), 24px);
  line-height: 1.3;
}
.qy-bar-row {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em 0.5em;
  max-width: 64em; margin: 0 auto; padding: 0.4em 0.75em;
}
.qy-group { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3em; }
.qy-spacer { flex: 1 1 0; min-width: 0; }

button, .qy-choice, input, select { font: inherit; color: inherit; letter-spacing: normal; }
button {
  display: inline-flex; align-items: center; justify-content: center; gap: 0.35em;
  min-height: 2.2em; min-width: 2.2em; margin: 0; padding: 0.25em 0.7em;
  border: 2px solid var(--border); border-radius: 0.4em;
  background: var(--btn); color: var(--fg);
  cursor: pointer; line-height: 1.2; text-align: center;
}
button:hover:enabled { background: var(--bar); border-color: var(--fg); }
/* Disabled (A+ at 128 px, Stop when nothing is read): visibly unavailable, not invisible. */
button:disabled { opacity: 0.45; cursor: default; }
button[aria-expanded='true'], button[aria-pressed='true'] { border-color: var(--fg); box-shadow: inset 0 0 0 1px var(--fg); }
button svg { width: 1.1em; height: 1.1em; flex: none; fill: none; stroke: currentColor; stroke-width: 2.2; stroke-linecap: round; stroke-linejoin: round; }
.qy-font-btn { font-weight: 700; min-width: 2.6em; padding-inline: 0.4em; }
.qy-font-btn .qy-a-small { font-size: 0.85em; }
.qy-font-btn .qy-a-big { font-size: 1.15em; }
.qy-size { min-width: 4.2em; text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }

:focus-visible, .qy-choice input:focus-visible + span {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

.qy-bar-status { max-width: 64em; margin: 0 auto; padding: 0 0.75em 0.4em; font-weight: 700; }
.qy-bar-status:empty { padding: 0; }

/* Settings panel (disclosure). Scrolls on its own so it never hides the page for good. */
.qy-panel {
  max-width: 64em; margin: 0 auto; padding: 0.5em 0.75em 0.9em;
  max-height: 70vh; overflow: auto;
  display: grid; gap: 0.8em 1.5em;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
  border-top: 1px solid var(--rule);
}
.qy-field { margin: 0; padding: 0; border: 0; min-width: 0; display: flex; flex-direction: column; gap: 0.3em; }
.qy-field > legend, .qy-field > label { padding: 0; font-weight: 700; }
.qy-field output { color: var(--muted); font-variant-numeric: tabular-nums; }
.qy-field input[type='range'] { width: 100%; min-height: 2em; margin: 0; accent-color: var(--link); }
.qy-choices { display: flex; flex-wrap: wrap; gap: 0.35em; }
.qy-choice { position: relative; display: inline-flex; }
.qy-choice input { position: absolute; opacity: 0; width: 100%; height: 100%; margin: 0; cursor: pointer; }
.qy-choice > span {
  display: inline-flex; align-items: center; gap: 0.35em; min-height: 2.2em; padding: 0.2em 0.7em;
  border: 2px solid var(--border); border-radius: 0.4em; background: var(--btn);
}
.qy-choice input:checked + span { border-color: var(--fg); box-shadow: inset 0 0 0 2px var(--fg); font-weight: 700; }
.qy-choice input:checked + span::before { content: '✓'; }
.qy-swatch { width: 1em; height: 1em; border-radius: 50%; border: 1px solid var(--border); flex: none; forced-color-adjust: none; }
.qy-swatch[data-swatch='light'] { background: #ffffff; }
.qy-swatch[data-swatch='sepia'] { background: #f6efdc; }
.qy-swatch[data-swatch='dark'] { background: #1c1c1e; }
.qy-swatch[data-swatch='contrast'] { background: linear-gradient(135deg, #000 50%, #ffff00 50%); }
.qy-check { display: flex; align-items: center; gap: 0.5em; min-height: 2.2em; cursor: pointer; }
.qy-check input { width: 1.3em; height: 1.3em; margin: 0; accent-color: var(--link); flex: none; }
.qy-panel > .qy-reset { justify-self: start; align-self: end; }

/* The article. Widths are in em so that "40" means 40 CJK characters per line. */
main { display: block; padding: 1.2em 1em 4em; }
article {
  max-width: calc(var(--qy-content-width, 40) * (1em + var(--qy-letter-spacing, 0) * 1em) + 0.1em);
  margin: 0 auto;
  font-size: var(--qy-font-size, 20px);
  line-height: var(--qy-line-height, 1.8);
  letter-spacing: calc(var(--qy-letter-spacing, 0) * 1em);
  /* A little space between Chinese and Latin letters or digits (5月20日), where supported. */
  text-autospace: normal;
}
article header { margin-bottom: 1.2em; padding-bottom: 0.8em; border-bottom: 1px solid var(--rule); }
h1 {
  margin: 0 0 0.5em; font-size: min(1.5em, calc(1em + 12px)); line-height: 1.4; font-weight: 700;
}
/* The title takes focus on opening only so that screen readers start there; it is not a control
   and is not in the tab order, so it shows no focus ring. */
h1:focus, h1:focus-visible { outline: none; }
.qy-meta {
  margin: 0; display: flex; flex-wrap: wrap; gap: 0.2em 1.2em;
  font-size: max(0.8em, 14px); line-height: 1.6; color: var(--muted); letter-spacing: normal;
}
.qy-meta > * { min-width: 0; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }

/* Long documents: blocks below the first screen are laid out only when scrolled near, so opening
   costs about one screenful of layout. Still found by find-in-page and screen readers. Only for
   long bodies, because it clips ink overflow at block edges (part of a focus ring on a link
   that touches the column edge). */
.qy-body.qy-long > * { content-visibility: auto; contain-intrinsic-size: auto 6em; }
.qy-body p { margin: 0 0 0.8em; }
/* Two characters of indent, shrunk on columns only a few characters wide (128 px on a phone) so
   that the first line still holds two characters instead of overflowing sideways. */
.qy-root[data-indent='true'] .qy-body p { text-indent: min(2em, max(0px, 100% - 2.5em)); }
.qy-root[data-justify='true'] .qy-body { text-align: justify; text-justify: inter-character; }
.qy-body h2, .qy-body h3, .qy-body h4, .qy-body h5, .qy-body h6 {
  margin: 1.2em 0 0.5em; line-height: 1.4; font-size: 1.15em; text-indent: 0;
}
.qy-body h2 { font-size: 1.25em; }
.qy-body ul, .qy-body ol { margin: 0 0 0.8em; padding-inline-start: 2em; }
.qy-body li { margin: 0.2em 0; }
.qy-body img { max-width: 100%; height: auto; display: block; margin: 0.6em auto; }
.qy-body figure { margin: 0.8em 0; }
.qy-body figcaption { font-size: 0.85em; color: var(--muted); text-align: center; }
.qy-body blockquote { margin: 0 0 0.8em; padding-inline-start: 1em; border-inline-start: 4px solid var(--rule); }
.qy-body pre { white-space: pre-wrap; }

/* Wide tables scroll inside their own focusable box; the page itself never scrolls sideways. */
.qy-table-scroll { max-width: 100%; overflow-x: auto; margin: 0 0 1em; border: 1px solid var(--rule); }
.qy-table-scroll table { border-collapse: collapse; font-size: 0.9em; overflow-wrap: normal; word-break: normal; }
.qy-table-scroll th, .qy-table-scroll td {
  border: 1px solid var(--rule); padding: 0.3em 0.5em; vertical-align: top; text-indent: 0;
  min-width: 4em; text-align: start;
}
/* Header cells are short labels: breaking 序号 into 序/号 makes a table unreadable. Wide tables
   scroll in their box instead. */
.qy-table-scroll th { word-break: keep-all; }
.qy-table-scroll caption { text-align: start; font-weight: 700; padding: 0.3em 0.5em; }

.qy-attachments { margin-top: 1.5em; padding-top: 0.8em; border-top: 1px solid var(--rule); }
.qy-attachments h2 { font-size: 1.1em; margin: 0 0 0.4em; }
.qy-attachments ul { margin: 0; padding-inline-start: 1.5em; }

/* Sentence being read aloud. */
::highlight(qy-speaking) { background-color: var(--hl-bg); color: var(--hl-fg); }
.qy-speaking { background-color: var(--hl-bg); color: var(--hl-fg); }

@media (forced-colors: active) {
  .qy-root { --bg: Canvas; --bar: Canvas; --fg: CanvasText; --muted: CanvasText; --link: LinkText;
    --border: ButtonText; --btn: ButtonFace; --focus: Highlight; --rule: CanvasText; }
  button { color: ButtonText; border-color: ButtonText; }
  .qy-choice input:checked + span { border-color: Highlight; box-shadow: inset 0 0 0 2px Highlight; }
  ::highlight(qy-speaking), .qy-speaking { background-color: Highlight; color: HighlightText; }
}

/* Narrow or short windows (phones, 400% zoom): icon-only buttons, and the toolbar scrolls away
   with the text instead of covering a large part of a small screen. */
@media (max-width: 640px), (max-height: 480px) {
  .qy-bar { position: static; }
  .qy-bar-row .qy-label {
    position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
  }
}

@media (prefers-reduced-motion: no-preference) {
  .qy-root { scroll-behavior: smooth; }
}

@media print {
  :host { position: static !important; inset: auto !important; contain: none !important; }
  /* Black on white whatever the screen theme ([data-theme] outranks the theme rules). */
  .qy-root, .qy-root[data-theme] { height: auto; overflow: visible; background: #fff; color: #000;
    --bg: #fff; --fg: #000; --muted: #333; --link: #000; --rule: #999; color-scheme: light; }
  .qy-bar, .qy-original-link, .qy-reading-time { display: none !important; }
  main { padding: 0; }
  article { max-width: none; font-size: clamp(12pt, calc(var(--qy-font-size, 20px) * 0.75), 28pt); }
  .qy-table-scroll { overflow: visible; border: 0; }
  .qy-speaking { background: none; }
  .qy-body.qy-long > * { content-visibility: visible; }
  h1, h2, h3 { break-after: avoid; }
  p { orphans: 2; widows: 2; }
}
`;
