// The career assistant's chat widget: one <script src=".../widget.js" data-…> tag (see docs/widget.md).
//
// Talks to the assistant over socket.io (bot/channels/socketio.py): asks for a session with the signed
// id it kept (the server confirms it or issues a new one), sends `user_uttered`, shows `bot_uttered`.

import { io, Socket } from "socket.io-client";
import { readSettings, textsFor, Settings, Texts } from "./config";
import { renderBot, renderUser, Choose } from "./render";
import { BotEvent, Button, Entry, Saved, forget, load, save } from "./store";
import { css } from "./styles";

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

class ChatWidget {
  private readonly texts: Texts;
  private readonly saved: Saved;
  private socket: Socket | null = null;
  private confirmed = false;
  private pending: string[] = [];
  private wasOffline = false;
  private typingTimer = 0;
  private offlineTimer = 0;
  private launcher!: HTMLButtonElement;
  private panel!: HTMLElement;
  private log!: HTMLElement;
  private status!: HTMLElement;
  private typing!: HTMLElement;
  private input!: HTMLInputElement;

  constructor(private readonly settings: Settings) {
    this.texts = textsFor(settings.lang);
    this.saved = load(settings.storageKey);
  }

  mount(): void {
    const host = document.createElement("div");
    host.setAttribute("data-career-widget", "");
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = css(this.settings.primary, this.settings.onPrimary, this.settings.position);
    root.appendChild(style);
    root.appendChild(this.build());
    document.body.appendChild(host);
    this.replay();
    this.connect();
  }

  private build(): HTMLElement {
    const wrap = document.createElement("div");
    wrap.className = "cg-root";
    wrap.lang = this.settings.lang;
    this.launcher = document.createElement("button");
    this.launcher.type = "button";
    this.launcher.className = "cg-launcher";
    this.launcher.innerHTML = CHAT_ICON; // a constant of this file, never bot text
    this.launcher.appendChild(document.createTextNode(this.settings.title));
    this.launcher.setAttribute("aria-haspopup", "dialog");
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.setAttribute("aria-controls", "cg-panel");
    this.launcher.addEventListener("click", () => this.open());
    this.panel = this.buildPanel();
    wrap.append(this.launcher, this.panel);
    return wrap;
  }

  private buildPanel(): HTMLElement {
    const t = this.texts;
    const panel = document.createElement("div");
    panel.id = "cg-panel";
    panel.className = "cg-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "false");
    panel.setAttribute("aria-labelledby", "cg-title");
    panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.close();
      }
    });
    const header = document.createElement("div");
    header.className = "cg-header";
    const title = document.createElement("h2");
    title.id = "cg-title";
    title.className = "cg-title";
    title.textContent = this.settings.title;
    const restart = this.headerButton(t.restart, "↺", () => this.startOver());
    const close = this.headerButton(t.close, "✕", () => this.close());
    header.append(title, restart, close);
    this.status = document.createElement("div");
    this.status.className = "cg-status";
    this.status.setAttribute("role", "status");
    this.log = document.createElement("div");
    this.log.className = "cg-log";
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-label", t.log);
    this.log.tabIndex = 0;
    this.typing = document.createElement("div");
    this.typing.className = "cg-typing";
    this.typing.hidden = true;
    this.typing.setAttribute("role", "img");
    this.typing.setAttribute("aria-label", t.typing);
    this.typing.append(document.createElement("span"), document.createElement("span"), document.createElement("span"));
    panel.append(header, this.status, this.log, this.typing, this.buildForm());
    return panel;
  }

  private headerButton(label: string, symbol: string, action: () => void): HTMLButtonElement {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "cg-icon-btn";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.textContent = symbol;
    b.addEventListener("click", action);
    return b;
  }

  private buildForm(): HTMLFormElement {
    const form = document.createElement("form");
    form.className = "cg-form";
    const label = document.createElement("label");
    label.htmlFor = "cg-input";
    label.textContent = this.texts.input;
    this.input = document.createElement("input");
    this.input.id = "cg-input";
    this.input.className = "cg-input";
    this.input.type = "text";
    this.input.autocomplete = "off";
    this.input.maxLength = 2000;
    const send = document.createElement("button");
    send.type = "submit";
    send.className = "cg-send";
    send.textContent = this.texts.send;
    form.append(label, this.input, send);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.send(text, text);
    });
    return form;
  }

  open(): void {
    this.panel.hidden = false;
    this.launcher.setAttribute("aria-expanded", "true");
    this.launcher.hidden = window.matchMedia("(max-width: 480px), (max-height: 500px)").matches;
    this.scrollDown();
    this.input.focus();
  }

  close(): void {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.focus();
  }

  // ------------------------------------------------------------------------------ conversation

  private replay(): void {
    if (this.settings.greeting) this.log.appendChild(this.greeting());
    const last = this.saved.entries.length - 1;
    this.saved.entries.forEach((entry, i) => this.show(entry, i === last));
  }

  private greeting(): HTMLElement {
    const node = renderBot({ text: this.settings.greeting }, this.texts, this.choose, false);
    node.classList.add("cg-greeting");
    return node;
  }

  private show(entry: Entry, live: boolean): void {
    const node =
      entry.from === "user" ? renderUser(entry.text, this.texts) : renderBot(entry.event, this.texts, this.choose, live);
    this.log.appendChild(node);
    this.scrollDown();
  }

  private record(entry: Entry): void {
    this.saved.entries.push(entry);
    save(this.settings.storageKey, this.saved);
    this.show(entry, true);
  }

  private readonly choose: Choose = (button: Button, group: HTMLElement) => {
    if (group.classList.contains("cg-quick")) group.remove();
    this.send(button.payload || "", button.title || button.payload || "");
    this.input.focus();
  };

  private send(message: string, shown: string): void {
    this.log.querySelectorAll(".cg-quick").forEach((q) => q.remove());
    this.record({ from: "user", text: shown });
    this.pending.push(message);
    this.flush();
    this.setTyping(true);
  }

  private flush(): void {
    if (!this.socket || !this.socket.connected || !this.confirmed) return;
    for (const message of this.pending.splice(0)) this.socket.emit("user_uttered", { message });
  }

  private received(event: BotEvent): void {
    if (!event || typeof event !== "object") return;
    this.setTyping(false);
    this.record({ from: "bot", event });
  }

  private setTyping(on: boolean): void {
    window.clearTimeout(this.typingTimer);
    this.typing.hidden = !on;
    if (on) this.typingTimer = window.setTimeout(() => (this.typing.hidden = true), 20000);
  }

  private startOver(): void {
    forget(this.settings.storageKey);
    this.saved.sessionId = null;
    this.saved.entries = [];
    this.pending = [];
    this.log.replaceChildren();
    if (this.settings.greeting) this.log.appendChild(this.greeting());
    this.confirmed = false;
    this.socket?.emit("session_request", { session_id: null });
    this.input.focus();
  }

  private scrollDown(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  // -------------------------------------------------------------------------------- connection

  private connect(): void {
    const socket = io(this.settings.serverUrl, { path: this.settings.socketPath, reconnectionDelayMax: 3000 });
    this.socket = socket;
    socket.on("connect", () => {
      this.confirmed = false;
      socket.emit("session_request", { session_id: this.saved.sessionId });
    });
    socket.on("session_confirm", (id: unknown) => this.onSession(id));
    socket.on("bot_uttered", (event: BotEvent) => this.received(event));
    socket.on("disconnect", () => this.offlineSoon());
    socket.on("connect_error", () => this.offlineSoon());
  }

  private onSession(id: unknown): void {
    if (typeof id !== "string") return;
    if (this.saved.sessionId && this.saved.sessionId !== id) {
      // the server did not accept the stored id: a new conversation starts, the old one is not shown
      this.saved.entries = [];
      this.log.replaceChildren();
      if (this.settings.greeting) this.log.appendChild(this.greeting());
    }
    this.saved.sessionId = id;
    save(this.settings.storageKey, this.saved);
    this.confirmed = true;
    this.online();
    this.flush();
  }

  private offlineSoon(): void {
    this.confirmed = false;
    if (this.offlineTimer) return;
    // a short blip (a reconnect within a second or two) is not worth announcing
    this.offlineTimer = window.setTimeout(() => {
      this.offlineTimer = 0;
      if (!this.confirmed) {
        this.wasOffline = true;
        this.setTyping(false);
        this.status.textContent = this.texts.offline;
      }
    }, 2000);
  }

  private online(): void {
    window.clearTimeout(this.offlineTimer);
    this.offlineTimer = 0;
    if (this.wasOffline) {
      this.wasOffline = false;
      this.status.textContent = this.texts.online;
      window.setTimeout(() => {
        if (this.status.textContent === this.texts.online) this.status.textContent = "";
      }, 4000);
    }
    if (this.pending.length) this.setTyping(true);
  }
}

function start(): void {
  const script = (document.currentScript as HTMLScriptElement | null) || document.querySelector("script[data-career-widget]");
  const widget = new ChatWidget(readSettings(script as HTMLScriptElement | null));
  const mount = () => widget.mount();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
}

start();
