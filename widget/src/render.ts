// Bot messages as DOM nodes. Everything the server sends is text: it is only ever put into text nodes
// and attribute values (never innerHTML); links and images are made only from http(s) addresses.

import type { BotEvent, Button, Card } from "./store";
import type { Texts } from "./config";

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}]+$/;
const BULLET = /^\s*(?:[•*-])\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export type Choose = (button: Button, group: HTMLElement) => void;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** ``value`` as an absolute http(s) URL, or null. */
export function webUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 3000) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function link(href: string, label: string, texts: Texts): HTMLAnchorElement {
  const a = el("a", "cg-link", label);
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.appendChild(el("span", "cg-sr", " " + texts.opensInNewTab));
  return a;
}

/** A line of text with its web addresses as links. */
function inline(parent: HTMLElement, line: string, texts: Texts): void {
  let pos = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const raw = match[0].replace(TRAILING, "");
    const start = match.index ?? 0;
    const href = webUrl(raw);
    if (!href) continue;
    parent.appendChild(document.createTextNode(line.slice(pos, start)));
    parent.appendChild(link(href, raw, texts));
    pos = start + raw.length;
  }
  parent.appendChild(document.createTextNode(line.slice(pos)));
}

/** One paragraph: runs of bullet or numbered lines become lists, other lines a paragraph with line breaks. */
function paragraph(out: DocumentFragment, lines: string[], texts: Texts): void {
  let list: HTMLElement | null = null;
  let para: HTMLElement | null = null;
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet || numbered;
    if (item) {
      const tag = bullet ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) list = out.appendChild(el(tag, "cg-list"));
      para = null;
      const li = list.appendChild(el("li"));
      inline(li, item[1], texts);
      continue;
    }
    list = null;
    if (para) para.appendChild(el("br"));
    else para = out.appendChild(el("p", "cg-p"));
    inline(para, line, texts);
  }
}

/** Bot text (plain, blank lines between paragraphs) as safe DOM. */
export function renderText(text: string, texts: Texts): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const block of text.replace(/\r\n/g, "\n").split(/\n\s*\n/)) {
    if (block.trim()) paragraph(out, block.split("\n"), texts);
  }
  return out;
}

/** A group of buttons: payload buttons send their payload; web buttons are links. */
export function renderButtons(buttons: Button[], kind: "buttons" | "quick", texts: Texts, choose: Choose): HTMLElement {
  const group = el("div", kind === "quick" ? "cg-choices cg-quick" : "cg-choices");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", texts.choices);
  for (const button of buttons) {
    const title = String(button.title || button.payload || button.url || "");
    const href = webUrl(button.url);
    if (href) {
      const a = link(href, title, texts);
      a.className = "cg-choice";
      group.appendChild(a);
    } else if (typeof button.payload === "string" && button.payload) {
      const b = el("button", "cg-choice", title);
      b.type = "button";
      b.addEventListener("click", () => choose(button, group));
      group.appendChild(b);
    }
  }
  return group;
}

function image(src: string, alt: string): HTMLImageElement {
  const img = el("img", "cg-img");
  img.src = src;
  img.alt = alt;
  img.loading = "lazy";
  return img;
}

function card(data: Card, texts: Texts, choose: Choose): HTMLElement {
  const box = el("div", "cg-card");
  const src = webUrl(data.image_url);
  if (src) box.appendChild(image(src, data.title ? String(data.title) : ""));
  if (data.title) box.appendChild(el("p", "cg-card-title", String(data.title)));
  if (data.subtitle) box.appendChild(renderText(String(data.subtitle), texts));
  if (Array.isArray(data.buttons) && data.buttons.length) box.appendChild(renderButtons(data.buttons, "buttons", texts, choose));
  return box;
}

/** A bot message: text, image, cards, buttons and quick replies, in that order. */
export function renderBot(event: BotEvent, texts: Texts, choose: Choose, live: boolean): HTMLElement {
  const item = el("div", "cg-msg cg-bot");
  item.appendChild(el("span", "cg-sr", texts.bot + ": "));
  const bubble = item.appendChild(el("div", "cg-bubble"));
  if (typeof event.text === "string" && event.text) bubble.appendChild(renderText(event.text, texts));
  const src = webUrl(event.image);
  if (src) bubble.appendChild(image(src, ""));
  for (const c of Array.isArray(event.elements) ? event.elements : []) bubble.appendChild(card(c, texts, choose));
  if (Array.isArray(event.buttons) && event.buttons.length) item.appendChild(renderButtons(event.buttons, "buttons", texts, choose));
  if (live && Array.isArray(event.quick_replies) && event.quick_replies.length) {
    item.appendChild(renderButtons(event.quick_replies, "quick", texts, choose));
  }
  return item;
}

/** What the student said. */
export function renderUser(text: string, texts: Texts): HTMLElement {
  const item = el("div", "cg-msg cg-user");
  item.appendChild(el("span", "cg-sr", texts.you + ": "));
  item.appendChild(el("div", "cg-bubble", text));
  return item;
}
