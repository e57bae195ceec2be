// The sandbox's web chat: pick a persona, chat with the shop bot as Telegram shows it.
// Plain JavaScript, no build step, nothing loaded from elsewhere. The server sends
// message text as escaped HTML (sandbox/web/entities.py); everything else is set as text.
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  view: null, personas: [], generation: 0, chatId: null, firstDraw: false, stick: false,
  drawn: {}, // what the chat shows now, by part: see unchanged()
};
const ROLE = { shopper: "Shopper", admin: "Admin", superadmin: "Superadmin" };
// The page's own words, in the persona's language (the bot's words are the bot's).
const WORDS = {
  en: { message: "Message", chat: "chat with the shop bot", edited: "edited", pay: "Pay", paid: "Paid",
        shopper: "Shopper", admin: "Admin", superadmin: "Superadmin" },
  ru: { message: "Сообщение", chat: "чат с ботом магазина", edited: "изменено", pay: "Оплатить", paid: "Оплачено",
        shopper: "Покупатель", admin: "Админ", superadmin: "Суперадмин" },
};
let words = WORDS.en;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (value === null || value === undefined) continue;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

// -- toasts and alerts (the bot's answers to button presses) -------------------------

let toastTimer = null;
function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 2500);
}

function alertBox(text) {
  $("alert-text").textContent = text;
  $("alert").hidden = false;
  $("alert-ok").focus();
}
$("alert-ok").addEventListener("click", () => { $("alert").hidden = true; });

function showAnswer(answer) {
  if (!answer) return;
  if (answer.alert) alertBox(answer.text); else toast(answer.text);
}

async function act(path, body) {
  state.stick = true;
  try {
    const result = await api(path, body);
    showAnswer(result.answer);
    if (result.accepted === false && result.error) alertBox(result.error);
    return result;
  } catch (error) {
    toast(error.message);
    refresh();
    return null;
  }
}

// -- the persona picker ----------------------------------------------------------------

function initials(name) { return Array.from(name.trim())[0] || "?"; }

async function showPicker() {
  state.view = "picker";
  state.chatId = null;
  $("picker").hidden = false;
  $("chat").hidden = true;
  $("back").hidden = true;
  $("title").textContent = "Shop sandbox";
  $("subtitle").textContent = "Pick who you are";
  document.title = "Shop sandbox";
  const [personas, channel] = await Promise.all([
    api("api/personas"), api("api/channel").then(() => true, () => false),
  ]);
  state.personas = personas;
  $("open-channel").hidden = !channel;
  $("personas").replaceChildren(...personas.map((p) => el("li", {}, [
    el("button", {
      class: "persona", type: "button", dataset: { persona: p.id },
      onclick: () => { location.hash = `#/persona/${p.id}`; },
    }, [
      el("span", { class: "avatar", style: `background: hsl(${(p.id * 47) % 360} 45% 52%)`, text: initials(p.name) }),
      el("span", {}, [
        el("strong", { text: p.name }),
        el("small", { text: `${ROLE[p.role] || p.role} · ${p.language.toUpperCase()} · ${p.phone}` }),
      ]),
    ]),
  ])));
}

$("open-channel").addEventListener("click", () => { location.hash = "#/channel"; });
$("add-shopper").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const persona = await api("api/personas", {
      name: $("shopper-name").value, language: $("shopper-language").value,
    });
    $("shopper-name").value = "";
    location.hash = `#/persona/${persona.id}`;
  } catch (error) { toast(error.message); }
});

// -- a chat ----------------------------------------------------------------------------

function time(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function dayOf(seconds) { return new Date(seconds * 1000).toDateString(); }

function groups(messages) {
  const out = [];
  for (const message of messages) {
    const last = out[out.length - 1];
    if (last && message.album !== null && last[0].album === message.album
        && last[0].from === message.from) last.push(message);
    else out.push([message]);
  }
  return out;
}

function mediaNodes(group, personaId) {
  const nodes = [];
  const photos = group.filter((m) => m.media && m.media.kind === "photo" && m.media.url);
  if (photos.length) {
    const size = photos.length <= 4 ? `n${photos.length}` : "many";
    nodes.push(el("div", { class: `photos ${size}` }, photos.map((m) => el("img", {
      src: m.media.url, alt: "photo", loading: "lazy",
      width: String(m.media.width || 320), height: String(m.media.height || 320),
    }))));
  }
  for (const message of group) {
    const media = message.media;
    if (!media || media.kind === "photo") continue;
    if (media.kind === "document") {
      nodes.push(el("a", { class: "document", href: media.url || "#", download: media.name || "file", text: `📄 ${media.name || "file"}` }));
    } else if (media.kind === "contact") {
      nodes.push(el("span", { class: "contact", text: `📱 ${media.phone}` }));
    } else if (media.kind === "invoice") {
      const box = el("div", { class: "invoice" }, [
        el("h3", { text: media.title }),
        el("div", { text: media.description }),
        el("div", { class: "amount", text: media.amount + (media.test ? " · test" : "") }),
      ]);
      if (message.paid) {
        box.append(el("div", { class: "paid", text: `✓ ${words.paid}` }));
      } else if (message.pay && personaId !== null) {
        box.append(el("button", {
          class: "pay", type: "button", text: `${words.pay} ${media.amount}`,
          onclick: () => act(`api/personas/${personaId}/pay`, { message_id: message.id }),
        }));
      }
      nodes.push(box);
    } else {
      nodes.push(el("span", { class: "document", text: `[${media.kind}]` }));
    }
  }
  return nodes;
}

function inlineKeyboard(message, personaId) {
  if (!message.buttons.length) return null;
  return el("div", { class: "inline" }, message.buttons.map((row, r) => el("div", { class: "row" },
    row.map((button, c) => {
      if (button.kind === "url") {
        return el("a", { class: "url", href: button.url, target: "_blank", rel: "noopener noreferrer", text: `${button.label} ↗` });
      }
      const press = button.kind === "pay"
        ? () => act(`api/personas/${personaId}/pay`, { message_id: message.id })
        : () => act(`api/personas/${personaId}/press`, { message_id: message.id, row: r, column: c });
      return el("button", {
        type: "button", text: button.label, disabled: personaId === null ? "" : null,
        dataset: { message: message.id, row: r, column: c }, onclick: press,
      });
    }))));
}

function messageNode(group, personaId) {
  const first = group[0];
  if (first.service) {
    return el("li", { class: "service", dataset: { id: first.id }, text: first.service });
  }
  const withText = group.find((m) => m.html) || first;
  const last = group[group.length - 1];
  const text = el("div", { class: "text" });
  text.innerHTML = withText.html; // escaped by the server, only formatting tags
  const meta = el("span", {
    class: "meta", text: (withText.edited ? `${words.edited} ` : "") + time(withText.date),
  });
  const bubble = el("div", { class: "bubble" }, [...mediaNodes(group, personaId), text, meta]);
  return el("li", {
    class: `msg ${first.from}`, dataset: { id: first.id, ids: group.map((m) => m.id).join(" ") },
  }, [bubble, inlineKeyboard(last, personaId)]);
}

// Every chat event redraws the chat; what has not changed is left as it is, so a button
// is not replaced under the pointer by an identical one (nor its images reloaded).
function unchanged(part, ...what) {
  const drawn = JSON.stringify([state.view, document.documentElement.lang, ...what]);
  if (state.drawn[part] === drawn) return true;
  state.drawn[part] = drawn;
  return false;
}

function drawMessages(messages, personaId) {
  if (unchanged("messages", messages, personaId)) return;
  const list = $("messages");
  const stick = state.firstDraw || state.stick
    || list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const nodes = [];
  let day = null;
  for (const group of groups(messages)) {
    const groupDay = dayOf(group[0].date);
    if (groupDay !== day) {
      day = groupDay;
      nodes.push(el("li", { class: "day", text: new Date(group[0].date * 1000).toLocaleDateString() }));
    }
    nodes.push(messageNode(group, personaId));
  }
  list.replaceChildren(...nodes);
  state.firstDraw = false;
  state.stick = false;
  if (!stick) return;
  const bottom = () => { list.scrollTop = list.scrollHeight; };
  bottom();
  for (const image of list.querySelectorAll("img")) {
    if (!image.complete) image.addEventListener("load", bottom, { once: true });
  }
}

function drawKeyboard(keyboard, personaId) {
  if (unchanged("keyboard", keyboard, personaId)) return;
  const box = $("keyboard");
  if (!keyboard) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  box.replaceChildren(...keyboard.rows.map((row, r) => el("div", { class: "row" }, row.map((button, c) => el("button", {
    type: "button", text: button.label, dataset: { kind: button.kind },
    onclick: () => act(`api/personas/${personaId}/press`, { message_id: keyboard.message_id, row: r, column: c }),
  })))));
}

async function refresh() {
  const generation = ++state.generation;
  const view = state.view;
  try {
    if (view && view.startsWith("persona:")) {
      const id = Number(view.slice(8));
      const chat = await api(`api/personas/${id}/chat`);
      if (generation !== state.generation) return;
      state.chatId = chat.chat_id;
      words = WORDS[chat.persona.language] || WORDS.en;
      $("text").placeholder = words.message;
      $("title").textContent = chat.persona.name;
      $("subtitle").textContent = `${words[chat.persona.role] || chat.persona.role} · ${words.chat}`;
      document.title = `${chat.persona.name} — Shop sandbox`;
      document.documentElement.lang = chat.persona.language;
      drawKeyboard(chat.reply_keyboard, id);
      drawMessages(chat.messages, id);
    } else if (view === "channel") {
      const channel = await api("api/channel");
      if (generation !== state.generation) return;
      words = WORDS.en;
      state.chatId = channel.chat_id;
      $("title").textContent = channel.title;
      $("subtitle").textContent = "Shop channel";
      document.title = `${channel.title} — Shop sandbox`;
      drawKeyboard(null, null);
      drawMessages(channel.messages, null);
    }
  } catch (error) {
    toast(error.message);
  }
}

function openChat(view) {
  $("toast").hidden = true; // a toast belongs to the chat it was shown in
  state.view = view;
  state.firstDraw = true;
  state.chatId = view.startsWith("persona:") ? Number(view.slice(8)) : null;
  $("picker").hidden = true;
  $("chat").hidden = false;
  $("back").hidden = false;
  $("composer").hidden = view === "channel";
  $("messages").replaceChildren();
  state.drawn = {};
  $("title").textContent = "…";
  refresh();
}

$("back").addEventListener("click", () => { location.hash = "#/"; });
$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("text");
  const text = input.value.trim();
  if (!text || !state.view.startsWith("persona:")) return;
  input.value = "";
  await act(`api/personas/${state.view.slice(8)}/messages`, { text });
});

// -- routing and live updates ----------------------------------------------------------

function route() {
  const hash = location.hash;
  const persona = hash.match(/^#\/persona\/(\d+)$/);
  if (persona) openChat(`persona:${persona[1]}`);
  else if (hash === "#/channel") openChat("channel");
  else showPicker();
}

function listen() {
  const events = new EventSource("api/events");
  events.addEventListener("ready", () => {
    document.body.dataset.live = "true";
    if (state.view !== "picker") refresh(); // caught up after a reconnect
  });
  events.addEventListener("chat", (event) => {
    const { chat } = JSON.parse(event.data);
    if (chat === state.chatId) refresh();
  });
  events.addEventListener("error", () => { document.body.dataset.live = "false"; });
}

window.addEventListener("hashchange", route);
route();
listen();
