// The citizen's plan at the kiosk (Streamlit Components v2 module, no build step).
//
// Python sends a simplified plan (floorplans.citizen_view: soft room shapes in plan metres, an
// anchor per room), the room kinds' names in the kiosk's language, the pin and "you are here".
// The plan is drawn in CSS pixels (so icons and text keep their size); a wide plan on a narrow,
// tall screen (a phone) is turned a quarter so the rooms are twice as large. A tap goes back as
// the trigger `tap` = {x, y, room} in plan metres; `room` names the public room under the finger
// or within 22 px of it (a 44 px target even for a small WC). Python decides where the pin goes.
// Icons are inline SVG (no icon font, no emoji: the kiosk may be offline, its browser may lack
// an emoji font); names are HTML text, so the browser shapes Arabic and lays it out right to left.

const SVG_NS = "http://www.w3.org/2000/svg";
const TARGET_PX = 22; // half of a 44 px tap target
const FILLS = {
  entrance: "#FFE0A3", reception: "#FFCFBF", waiting: "#BFE0F5", quiet_nook: "#D9CCF2",
  green_area: "#C6E8B8", meeting_room: "#CFE8E2", group_room: "#B9E0D4", job_search: "#F3D9E8",
  wc: "#D6E6F5", wc_accessible: "#D6E6F5", play_area: "#FBD5E0", stairs: "#E6E3D6", lift: "#E6E3D6",
};
const OTHER_FILL = "#ECEAE4";
const STROKE = 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';
const ICONS = {
  entrance: `<g ${STROKE}><path d="M14 3h6v18h-6"/><path d="M3 12h12"/><path d="M11 8l4 4-4 4"/></g>`,
  reception: `<g ${STROKE}><circle cx="12" cy="6" r="3"/><path d="M6.5 14a5.5 5.5 0 0 1 11 0"/><rect x="3" y="14" width="18" height="6" rx="1"/></g>`,
  waiting: `<g ${STROKE}><path d="M6 3v10h12"/><path d="M6 13v8M18 13v8"/><path d="M6 17h12"/></g>`,
  quiet_nook: `<g ${STROKE}><path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"/></g>`,
  green_area: `<g ${STROKE}><path d="M12 21v-9"/><path d="M12 12C12 7 9 4 4 4c0 5 3 8 8 8z"/><path d="M12 15c0-4 3-7 8-7 0 4-3 7-8 7z"/></g>`,
  meeting_room: `<g ${STROKE}><path d="M3 4h11v8H8l-3 3v-3H3z"/><path d="M17 8h4v8h-2v3l-3-3h-5v-2"/></g>`,
  group_room: `<g ${STROKE}><circle cx="12" cy="7" r="2.5"/><circle cx="5" cy="9" r="2"/><circle cx="19" cy="9" r="2"/><path d="M7.5 19a4.5 4.5 0 0 1 9 0"/><path d="M1.5 18a3.5 3.5 0 0 1 5-3.2M22.5 18a3.5 3.5 0 0 0-5-3.2"/></g>`,
  job_search: `<g ${STROKE}><rect x="3" y="4" width="18" height="12" rx="1.5"/><path d="M8 20h8M12 16v4"/></g>`,
  wc: `<g fill="currentColor"><circle cx="7" cy="4" r="2"/><path d="M5 7.5h4v7H8V21H6v-6.5H5z"/><circle cx="17" cy="4" r="2"/><path d="M15.5 7.5h3l2.2 7.5h-2.2V21h-3v-6H13.3z"/></g>`,
  wc_accessible: `<g ${STROKE}><circle cx="10" cy="4" r="1.6" fill="currentColor"/><path d="M10 7v6h6l3 6"/><path d="M10 10h5"/><path d="M7.5 11a5.5 5.5 0 1 0 7.7 7.3"/></g>`,
  play_area: `<g ${STROKE}><circle cx="12" cy="12" r="8"/><path d="M4 12h16M12 4c3.2 3 3.2 13 0 16M12 4c-3.2 3-3.2 13 0 16"/></g>`,
  stairs: `<g ${STROKE}><path d="M3 20h5v-5h5v-5h5V5h3"/></g>`,
  lift: `<g ${STROKE}><rect x="5" y="3" width="14" height="18" rx="1.5"/><path d="M9 9.5l3-3 3 3M9 14.5l3 3 3-3"/></g>`,
  other: `<g ${STROKE}><circle cx="12" cy="12" r="8.5"/><path d="M12 11v5.5"/><circle cx="12" cy="7.8" r="0.6" fill="currentColor"/></g>`,
};

const fillOf = (kind) => FILLS[kind] || OTHER_FILL;
const iconOf = (kind) => ICONS[kind] || ICONS.other;

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function html(tag, attrs = {}, parent = null, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function icon(kind, parent) {
  const holder = html("span", { class: "cp-icon", "aria-hidden": "true" }, parent);
  holder.innerHTML = `<svg viewBox="0 0 24 24" focusable="false">${iconOf(kind)}</svg>`;
  return holder.firstChild;
}

// --- geometry: plan metres <-> stage pixels ------------------------------------------------------

function layout(st) {
  const d = st.data;
  const [xmin, ymin, xmax, ymax] = d.view.extent;
  const pw = xmax - xmin;
  const ph = ymax - ymin;
  const width = Math.max(200, st.root.clientWidth - 6); // minus the border
  const turn = pw > ph * 1.2 && width < 560; // a wide plan on a phone: a quarter turn, clockwise
  const dw = turn ? ph : pw;
  const dh = turn ? pw : ph;
  const maxHeight = Math.max(300, (window.innerHeight || 800) * 0.72);
  const s = Math.min(width / dw, maxHeight / dh);
  const toPx = turn
    ? ([x, y]) => [(y - ymin) * s, (x - xmin) * s]
    : ([x, y]) => [(x - xmin) * s, (ymax - y) * s];
  const toPlan = turn
    ? ([px, py]) => [py / s + xmin, px / s + ymin]
    : ([px, py]) => [px / s + xmin, ymax - py / s];
  return { s, turn, w: dw * s, h: dh * s, toPx, toPlan, width };
}

function pathOf(ring, toPx) {
  return "M" + ring.map((p) => toPx(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
}

function inside([x, y], ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function distance([x, y], ring) {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[i + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len)) : 0;
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

// The public room under the finger, else the nearest one within TARGET_PX (large tap targets).
function roomAt(st, p) {
  const rooms = st.data.view.rooms;
  for (let i = rooms.length - 1; i >= 0; i--) { // smallest last: a room inside another wins
    if (inside(p, rooms[i].outline)) {
      if (rooms[i].role === "public") return rooms[i].id;
      break;
    }
  }
  let best = null;
  let bestD = TARGET_PX / st.geo.s;
  for (const room of rooms) {
    if (room.role !== "public") continue;
    const dd = distance(p, room.outline);
    if (dd <= bestD) {
      best = room.id;
      bestD = dd;
    }
  }
  return best;
}

// --- drawing -----------------------------------------------------------------------------------

function drawPin(svg, [px, py], colour, testid, extraClass = "") {
  const g = el("g", { transform: `translate(${px.toFixed(1)},${py.toFixed(1)})`, "data-testid": testid, class: extraClass }, svg);
  el("path", { d: "M0 0L-10 -18A13 13 0 1 1 10 -18Z", fill: colour, class: "cp-pin" }, g);
  el("circle", { cx: 0, cy: -26, r: 5, class: "cp-pin-dot" }, g);
  return g;
}

function draw(st) {
  const d = st.data;
  if (!d || !d.view) return;
  const geo = (st.geo = layout(st));
  const { toPx } = geo;
  const stage = st.stage;
  stage.style.width = `${geo.w}px`;
  stage.style.height = `${geo.h}px`;
  stage.setAttribute("data-turned", String(geo.turn));
  const svg = st.svg;
  svg.setAttribute("width", geo.w.toFixed(1));
  svg.setAttribute("height", geo.h.toFixed(1));
  svg.setAttribute("viewBox", `0 0 ${geo.w.toFixed(1)} ${geo.h.toFixed(1)}`);
  svg.setAttribute("aria-label", d.texts.alt);
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  el("title", {}, svg).textContent = d.texts.alt;
  const floor = el("g", {}, svg);
  for (const room of d.view.rooms) el("path", { d: pathOf(room.outline, toPx), class: "cp-floor" }, floor);
  for (const room of d.view.rooms) {
    const attrs = { d: pathOf(room.shape, toPx), class: `cp-room cp-${room.role}`, "data-room": room.id, "data-role": room.role };
    if (room.role === "public") attrs.fill = fillOf(room.kind);
    if (d.pin && d.pin.room === room.id) attrs.class += " cp-chosen";
    el("path", attrs, svg);
  }
  // labels: icon and name of each public room; the name only where it fits
  const labels = st.labels;
  labels.innerHTML = "";
  labels.setAttribute("dir", d.dir);
  const placed = [];
  for (const room of d.view.rooms) {
    if (room.role !== "public") continue;
    const [px, py] = toPx(room.anchor);
    const [bw, bh] = geo.turn ? [room.size[1] * geo.s, room.size[0] * geo.s] : [room.size[0] * geo.s, room.size[1] * geo.s];
    const label = html("div", { class: "cp-label", "data-testid": "kiosk-picture-label", "data-room": room.id }, labels);
    label.style.left = `${px.toFixed(1)}px`;
    label.style.top = `${py.toFixed(1)}px`;
    label.style.maxWidth = `${Math.max(24, bw - 8).toFixed(0)}px`;
    icon(room.kind, label);
    html("span", { class: "cp-text" }, label, d.labels[room.kind] || d.labels.other || "");
    if (Math.min(bw, bh) < 30) label.classList.add("cp-small");
    placed.push([label, bw, bh]);
  }
  for (const [label, bw, bh] of placed) { // measure after all are in the page (one layout pass)
    const wide = Math.max(label.offsetWidth, label.scrollWidth); // a long word overflows its box
    if (wide > bw - 6 || label.offsetHeight > bh - 6) label.classList.add("cp-icon-only");
  }
  if (d.here) { // on top of the names (HTML), so no room's name hides it
    const [hx, hy] = toPx(d.here);
    const dot = html("div", { class: "cp-here-dot", "data-testid": "kiosk-picture-here" }, labels);
    const tag = html("div", { class: "cp-here", dir: d.dir }, labels, d.texts.here);
    dot.style.left = `${hx.toFixed(1)}px`;
    dot.style.top = `${hy.toFixed(1)}px`;
    const half = tag.offsetWidth / 2; // kept inside the picture: below the dot near the top, clear of the sides
    tag.style.left = `${Math.max(half + 2, Math.min(geo.w - half - 2, hx)).toFixed(1)}px`;
    tag.style.top = `${hy.toFixed(1)}px`;
    if (hy < 44) tag.classList.add("cp-below");
  }
  const top = st.top; // the pin above the names
  top.setAttribute("width", geo.w.toFixed(1));
  top.setAttribute("height", geo.h.toFixed(1));
  while (top.firstChild) top.removeChild(top.firstChild);
  if (d.pin) drawPin(top, toPx([d.pin.x, d.pin.y]), d.pin.colour, "kiosk-picture-pin");
  else if (st.pending) drawPin(top, toPx(st.pending), "#5B6472", "kiosk-picture-pending", "cp-pending");
  drawLegend(st);
}

function drawLegend(st) {
  const d = st.data;
  const legend = st.legend;
  legend.innerHTML = "";
  legend.setAttribute("dir", d.dir);
  for (const kind of d.kinds) {
    const item = html("span", { class: "cp-legend-item" }, legend);
    const swatch = html("span", { class: "cp-swatch" }, item);
    swatch.style.background = fillOf(kind);
    icon(kind, swatch);
    html("span", {}, item, d.labels[kind] || d.labels.other || "");
  }
  const staff = html("span", { class: "cp-legend-item" }, legend);
  html("span", { class: "cp-swatch cp-staff", "aria-hidden": "true" }, staff);
  html("span", {}, staff, d.texts.staff);
  if (d.here) {
    const here = html("span", { class: "cp-legend-item" }, legend);
    html("span", { class: "cp-swatch cp-here-swatch", "aria-hidden": "true" }, here);
    html("span", {}, here, d.texts.here);
  }
}

function onTap(st, evt) {
  if (!st.geo) return;
  const box = st.svg.getBoundingClientRect();
  const px = evt.clientX - box.left;
  const py = evt.clientY - box.top;
  if (px < 0 || py < 0 || px > box.width || py > box.height) return;
  const p = st.geo.toPlan([px, py]);
  const room = roomAt(st, p);
  const r3 = (v) => Math.round(v * 1000) / 1000;
  st.pending = p;
  st.data = { ...st.data, pin: null };
  draw(st);
  st.send("tap", { x: r3(p[0]), y: r3(p[1]), room });
}

function build(parent) {
  const root = html("div", { class: "cp-root", "data-testid": "kiosk-picture" }, parent);
  const stage = html("div", { class: "cp-stage" }, root);
  const svg = el("svg", { class: "cp-svg", role: "img", "data-testid": "kiosk-picture-svg" }, stage);
  const labels = html("div", { class: "cp-labels", "aria-hidden": "true" }, stage);
  const top = el("svg", { class: "cp-top", "aria-hidden": "true" }, stage);
  const legend = html("div", { class: "cp-legend", "data-testid": "kiosk-picture-legend" }, root);
  return { root, stage, svg, labels, top, legend };
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".cp-root");
  let st = root && root.__cp;
  if (!st) {
    st = build(parentElement);
    st.root.__cp = st;
  }
  st.data = data || {};
  st.send = setTriggerValue;
  st.pending = null;
  draw(st);
  const click = (e) => onTap(st, e);
  st.stage.addEventListener("click", click);
  let lastWidth = st.root.clientWidth;
  const observer = new ResizeObserver(() => {
    if (Math.abs(st.root.clientWidth - lastWidth) < 1) return;
    lastWidth = st.root.clientWidth;
    draw(st);
  });
  observer.observe(st.root);
  return () => {
    st.stage.removeEventListener("click", click);
    observer.disconnect();
  };
}
