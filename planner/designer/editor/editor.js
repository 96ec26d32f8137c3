// Plan editor: an SVG of a floor plan that a designer edits with mouse, pen or touch.
//
// Streamlit Components v2 module (no build step). Python passes the plan as
// `data` (see planner/designer/payload.py); every edit goes back as one trigger
// value `action` (JSON), which Python applies through floorplans.editing and
// answers with a re-rendered plan. The component never changes the plan
// itself, so Python stays the single source of truth.
//
// Coordinates: the SVG user space is the plan frame in metres with y negated
// (SVG y grows downwards, plan y upwards). Pointer Events cover mouse, pen and
// touch alike; `touch-action: none` keeps the browser from scrolling while drawing.

const SVG_NS = "http://www.w3.org/2000/svg";
const TOOLS = [
  ["select", "Select / move", "Tap a room to select it; drag its corner or wall handles to reshape it, or its inside to move it"],
  ["rect", "Rectangle room", "Drag from one corner to the opposite corner"],
  ["polygon", "Polygon room", "Tap each corner; tap the first corner (or Finish) to close"],
  ["door", "Door", "Tap a wall to put a door there"],
  ["window", "Window", "Tap an outside wall to put a window there"],
  ["split", "Split room", "Draw a line across a room to cut it in two; a door is put in the new wall"],
  ["delete", "Delete", "Tap a feature to delete it"],
  ["point", "View point", "Tap a spot to see what is visible from it"],
  ["pan", "Pan", "Drag to move the view (zoom in first with +)"],
];
// The chosen tool per component key, kept across re-mounts (Streamlit may re-create the element).
const TOOL_BY_KEY = new Map();
const PIN_COLOURS = { calm: "#2ca02c", stressful: "#d62728", idea: "#1f77b4" };
// Staff comments: squares (never round like citizens' pins), numbered, by category.
const COMMENT_COLOURS = { problem: "#CC3311", idea: "#0077BB", question: "#EE7733" };

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

const r3 = (v) => Math.round(v * 1000) / 1000;

function snap(v, grid) {
  return grid > 0 ? r3(Math.round(v / grid) * grid) : r3(v);
}

function ringPath(rings) {
  // one SVG path for a polygon with holes (evenodd fill)
  return rings
    .map((ring) => "M" + ring.map(([x, y]) => `${x},${-y}`).join("L") + "Z")
    .join(" ");
}

function heatColour(v) {
  // a short blue -> yellow ramp (viridis-like), v in 0..1
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const t = Math.max(0, Math.min(1, v)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const f = t - i;
  const c = stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function build(root, st) {
  root.innerHTML = "";
  const toolbar = html("div", { class: "pe-toolbar", role: "toolbar", "aria-label": "Drawing tools" }, root);
  st.toolButtons = {};
  for (const [tool, label, hint] of TOOLS) {
    const b = html("button", { type: "button", "data-testid": `pe-tool-${tool}`, title: hint, "aria-pressed": "false" }, toolbar, label);
    b.addEventListener("click", () => setTool(root, st, tool));
    st.toolButtons[tool] = b;
  }
  st.furnitureButton = html("button", { type: "button", "data-testid": "pe-layer-furniture", "aria-pressed": "false",
    title: "Furniture layer: tap and drag furniture instead of rooms" }, toolbar, "Furniture");
  st.furnitureButton.addEventListener("click", () => {
    st.furnitureLayer = !st.furnitureLayer;
    st.furnitureButton.setAttribute("aria-pressed", String(st.furnitureLayer));
    say(st, st.furnitureLayer ? "Furniture layer: tap or drag a piece of furniture." : "Rooms layer: tap a room to select it.");
  });
  html("span", { class: "pe-sep" }, toolbar);
  // the visible text is the accessible name (no aria-label that differs from it); the hint is a tooltip
  for (const [id, label, hint, factor] of [["zoom-in", "Zoom in", "Zoom in (or Ctrl + wheel)", 0.7], ["zoom-out", "Zoom out", "Zoom out", 1 / 0.7], ["zoom-fit", "Fit plan", "Show the whole plan", 0]]) {
    const b = html("button", { type: "button", "data-testid": `pe-${id}`, title: hint }, toolbar, label);
    b.addEventListener("click", () => (factor ? zoomAt(root, st, factor, null) : fitView(root, st)));
  }
  st.fullButton = html("button", { type: "button", "data-testid": "pe-fullscreen", "aria-pressed": "false", title: "Show the plan on the whole screen (Esc leaves)" }, toolbar, "Full screen");
  st.fullButton.addEventListener("click", () => setFull(root, st, !root.classList.contains("pe-full")));
  html("span", { class: "pe-sep" }, toolbar);
  st.finishButton = html("button", { type: "button", "data-testid": "pe-finish" }, toolbar, "Finish polygon");
  st.finishButton.addEventListener("click", () => finishPolygon(root, st));
  st.cancelButton = html("button", { type: "button", "data-testid": "pe-cancel" }, toolbar, "Cancel");
  st.cancelButton.addEventListener("click", () => cancelDrawing(root, st));
  st.svg = el("svg", { class: "pe-svg", "data-testid": "pe-svg", role: "img", "aria-label": "Floor plan editor" });
  root.appendChild(st.svg);
  st.status = html("div", { class: "pe-status", "data-testid": "pe-status", "aria-live": "polite" }, root);
}

function setFull(root, st, on) {
  root.classList.toggle("pe-full", on);
  st.fullButton.setAttribute("aria-pressed", String(on));
  st.fullButton.textContent = on ? "Exit full screen" : "Full screen";
  say(st, on ? "Full screen: press Esc or Exit full screen to leave." : "");
  drawHandles(st);
}

function setTool(root, st, tool) {
  cancelDrawing(root, st);
  applyTool(st, tool);
  const hint = TOOLS.find((t) => t[0] === tool);
  say(st, hint ? hint[2] : "");
}

function applyTool(st, tool) {
  st.tool = tool;
  if (st.key !== undefined) TOOL_BY_KEY.set(st.key, tool);
  for (const [t, b] of Object.entries(st.toolButtons)) b.setAttribute("aria-pressed", String(t === tool));
  st.svg.setAttribute("class", `pe-svg pe-tool-${tool}`);
  st.svg.setAttribute("data-tool", tool);
  const drawingPolygon = tool === "polygon";
  st.finishButton.style.display = drawingPolygon ? "" : "none";
  st.cancelButton.style.display = drawingPolygon || tool === "rect" || tool === "split" ? "" : "none";
  drawHandles(st);
}

function say(st, text) {
  st.status.textContent = text;
}

function render(root, st) {
  const d = st.data || {};
  const svg = st.svg;
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const [minx, miny, maxx, maxy] = d.bounds || [0, 0, 10, 10];
  const w = maxx - minx;
  const h = maxy - miny;
  const boundsKey = JSON.stringify(d.bounds || []);
  st.full = { x: minx, y: -maxy, w, h };
  if (!st.view || st.viewFor !== boundsKey) {
    // a new plan extent (another option, a room drawn outside): show it whole
    st.view = { ...st.full };
    st.viewFor = boundsKey;
  }
  applyView(st);
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  svg.style.aspectRatio = `${w} / ${h}`;
  // the plan fills the width it is given, keeps its aspect and never grows taller than the screen
  // (the screen less Streamlit's header and the toolbar, so plan and tools are seen together)
  svg.style.maxHeight = d.max_height > 0 ? `min(${d.max_height}px, calc(100vh - 190px))` : "calc(100vh - 190px)";
  svg.setAttribute("data-bounds", boundsKey);
  svg.setAttribute("data-version", String(d.version || ""));
  st.unit = Math.max(st.view.w, st.view.h) / 100; // a size that reads well at any plan size and zoom
  const u = st.unit;

  // grid: a line every metre
  const grid = el("g", { class: "pe-grid" }, svg);
  for (let x = Math.ceil(minx); x <= maxx; x += 1) el("line", { x1: x, y1: -maxy, x2: x, y2: -miny }, grid);
  for (let y = Math.ceil(miny); y <= maxy; y += 1) el("line", { x1: minx, y1: -y, x2: maxx, y2: -y }, grid);

  const hl = new Set(d.highlight || []);
  const rooms = el("g", { class: "pe-rooms" }, svg);
  for (const room of d.rooms || []) {
    const g = el("g", { "data-fid": room.id, "data-feature": "room", "data-testid": `pe-room-${room.id}` }, rooms);
    const cls = ["pe-room"];
    if (hl.has(room.id)) cls.push("pe-hl");
    if (d.selected === room.id) cls.push("pe-selected");
    el("path", { d: ringPath(room.rings), class: cls.join(" "), fill: room.colour || "#ddd", "fill-rule": "evenodd" }, g);
    if (d.labels !== false && room.label_xy) {
      const t = el("text", { x: room.label_xy[0], y: -room.label_xy[1], class: "pe-label", "text-anchor": "middle", "dominant-baseline": "middle", "font-size": 1.4 * u, "stroke-width": 0.3 * u }, g);
      t.textContent = room.label;
    }
  }

  const overlays = d.overlays || {};
  if (overlays.heat && overlays.heat.cells) {
    const heat = el("g", { class: "pe-heat", opacity: "0.55" }, svg);
    const c = overlays.heat.cell;
    for (const [x, y, v] of overlays.heat.cells) {
      el("rect", { x: x - c / 2, y: -(y + c / 2), width: c, height: c, fill: heatColour(v) }, heat);
    }
  }
  if (overlays.isovist) {
    el("path", { d: ringPath(overlays.isovist), class: "pe-isovist", "fill-rule": "evenodd", "data-testid": "pe-isovist" }, svg);
  }

  const lines = el("g", { class: "pe-lines" }, svg);
  const segment = (f, cls, feature) => {
    const g = el("g", { "data-fid": f.id, "data-feature": feature, "data-testid": `pe-${feature}-${f.id}` }, lines);
    const [[x1, y1], [x2, y2]] = f.points;
    const c = [cls];
    if (hl.has(f.id)) c.push("pe-hl");
    el("line", { x1, y1: -y1, x2, y2: -y2, class: c.join(" ") }, g);
    el("line", { x1, y1: -y1, x2, y2: -y2, class: "pe-hit" }, g);
  };
  for (const o of d.openings || []) segment(o, "pe-opening", "opening");
  for (const w2 of d.windows || []) segment(w2, "pe-window", "window");
  for (const door of d.doors || []) segment(door, door.entrance ? "pe-door pe-entrance" : "pe-door", "door");

  const furn = el("g", { class: "pe-furniture" }, svg);
  for (const f of d.furniture || []) {
    const g = el("g", { "data-fid": f.id, "data-feature": "furniture", "data-testid": `pe-furniture-${f.id}` }, furn);
    const cls = ["pe-furn"];
    if (f.type === "plant") cls.push("pe-plant");
    if (hl.has(f.id)) cls.push("pe-hl");
    if (f.point) el("circle", { cx: f.point[0], cy: -f.point[1], r: 0.8 * u, class: cls.join(" ") }, g);
    else if (f.rings) el("path", { d: ringPath(f.rings), class: cls.join(" ") }, g);
  }

  if (overlays.finding) {
    const f = overlays.finding;
    const g = el("g", { class: "pe-finding", "data-testid": "pe-finding" }, svg);
    for (const ring of f.polygons || []) el("path", { d: ringPath([ring]), class: "pe-finding-area" }, g);
    for (const line of f.lines || []) {
      if (line.length > 1) el("polyline", { points: line.map(([x, y]) => `${x},${-y}`).join(" "), class: "pe-finding-line" }, g);
    }
    for (const [x, y] of f.points || []) el("circle", { cx: x, cy: -y, r: 0.7 * u, class: "pe-finding-point" }, g);
  }
  if (overlays.route && overlays.route.length > 1) {
    el("polyline", { points: overlays.route.map(([x, y]) => `${x},${-y}`).join(" "), class: "pe-route", "data-testid": "pe-route" }, svg);
  }
  for (const pin of overlays.pins || []) {
    el("circle", { cx: pin.x, cy: -pin.y, r: 0.9 * u, fill: PIN_COLOURS[pin.category] || "#888", class: "pe-pin" }, svg);
  }
  for (const c of overlays.comments || []) {
    const g = el("g", { class: `pe-comment pe-comment-${c.status}`, "data-testid": `pe-comment-${c.id}`, "data-status": c.status, "data-category": c.category }, svg);
    const h = 1.5 * u;
    el("rect", { x: c.x - h, y: -c.y - h, width: 2 * h, height: 2 * h, fill: COMMENT_COLOURS[c.category] || "#555", class: "pe-comment-mark" }, g);
    const t = el("text", { x: c.x, y: -c.y, class: "pe-comment-label", "text-anchor": "middle", "dominant-baseline": "central", "font-size": 1.8 * u }, g);
    t.textContent = String(c.id);
  }
  if (overlays.viewpoint) {
    el("circle", { cx: overlays.viewpoint[0], cy: -overlays.viewpoint[1], r: 0.9 * u, class: "pe-viewpoint" }, svg);
  }
  st.preview = el("g", { class: "pe-preview-layer" }, svg);
  st.handles = el("g", { class: "pe-handles", "data-testid": "pe-handles" }, svg);
  st.cursor = el("circle", { r: 0.6 * u, class: "pe-cursor", cx: -1e6, cy: -1e6 }, svg);
  drawPreview(st);
  drawHandles(st);
}

// ---- geometry in the browser: picking what is under the pointer, and a room's corners and walls

function outer(room) {
  // the outline's corners without the closing repeat
  const ring = room.rings[0] || [];
  const n = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.length - 1 : ring.length;
  return ring.slice(0, n);
}

function inRings(rings, [x, y]) {
  // even-odd rule over all rings (holes included)
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function segDist([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function ringsDist(rings, p) {
  let best = Infinity;
  for (const ring of rings) for (let i = 0; i + 1 < ring.length; i++) best = Math.min(best, segDist(p, ring[i], ring[i + 1]));
  return best;
}

function area2(pts) {
  let a = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i];
    const [x1, y1] = pts[(i + 1) % pts.length];
    a += x0 * y1 - x1 * y0;
  }
  return a;
}

function worldPerPx(st) {
  const ctm = st.svg.getScreenCTM();
  return ctm && ctm.a ? 1 / ctm.a : (st.view.w / (st.svg.getBoundingClientRect().width || 1));
}

function roomAt(st, p) {
  // the room under the point (the smallest, should rooms overlap)
  let best = null;
  for (const room of (st.data && st.data.rooms) || []) {
    if (!inRings(room.rings, p)) continue;
    const a = Math.abs(area2(outer(room)));
    if (!best || a < best.a) best = { room, a };
  }
  return best ? best.room : null;
}

function furnitureAt(st, p, within) {
  // a piece of furniture hit on its own shape (a few px of tolerance); ``within`` limits it to one room
  const tol = 4 * worldPerPx(st);
  const u = st.unit || 0.1;
  for (const f of [...((st.data && st.data.furniture) || [])].reverse()) {
    const hit = f.point ? Math.hypot(p[0] - f.point[0], p[1] - f.point[1]) <= 0.8 * u + tol
      : f.rings ? inRings(f.rings, p) || ringsDist(f.rings, p) <= tol : false;
    if (!hit) continue;
    const at = f.point || (f.rings && f.rings[0][0]);
    if (within && !(inRings(within.rings, at) || ringsDist(within.rings, at) <= tol)) continue;
    return f;
  }
  return null;
}

function pick(st, p) {
  // what a tap at p means: a door, window or opening on a wall near it; furniture only on the
  // furniture layer, or when its room is already selected; else the room under the pointer
  const d = st.data || {};
  const tol = 8 * worldPerPx(st);
  for (const [list, feature] of [[d.doors, "door"], [d.windows, "window"], [d.openings, "opening"]]) {
    for (const f of list || []) if (segDist(p, f.points[0], f.points[1]) <= tol) return { id: f.id, feature };
  }
  const room = roomAt(st, p);
  if (st.furnitureLayer) {
    const f = furnitureAt(st, p, null);
    if (f) return { id: f.id, feature: "furniture" };
  } else if (room && d.selected === room.id) {
    const f = furnitureAt(st, p, room);
    if (f) return { id: f.id, feature: "furniture", inRoom: room.id };
  }
  return room ? { id: room.id, feature: "room" } : null;
}

function walls(pts) {
  // the outline's straight walls: runs of edges along one line, as [first corner, last corner, first edge]
  const n = pts.length;
  const straight = (i) => {
    // corner i lies on the line through its neighbours: the edges before and after it are one wall
    const [ax, ay] = pts[(i - 1 + n) % n];
    const [bx, by] = pts[i];
    const [cx, cy] = pts[(i + 1) % n];
    const len = Math.hypot(cx - ax, cy - ay) || 1;
    return Math.abs((cx - ax) * (ay - by) - (ax - bx) * (cy - ay)) / len < 1e-3;
  };
  let start = 0;
  while (start < n && straight(start)) start++;
  if (start === n) return [];
  const out = [];
  let first = start;
  for (let k = 1; k <= n; k++) {
    const i = (start + k) % n;
    if (!straight(i)) {
      out.push([first, i, first]);
      first = i;
    }
  }
  return out;
}

function outwardNormal(pts, i) {
  const [ax, ay] = pts[i];
  const [bx, by] = pts[(i + 1) % pts.length];
  const len = Math.hypot(bx - ax, by - ay) || 1;
  const right = [(by - ay) / len, -(bx - ax) / len];
  return area2(pts) > 0 ? right : [-right[0], -right[1]];
}

function selectedRoom(st) {
  const d = st.data || {};
  return (d.rooms || []).find((r) => r.id === d.selected) || null;
}

function handlePx(st) {
  // the handles' size in px: a CSS custom property, 44 px on coarse (touch) pointers
  const v = parseFloat(getComputedStyle(st.svg).getPropertyValue("--pe-handle"));
  return Number.isFinite(v) && v > 0 ? v : 16;
}

function drawHandles(st) {
  const layer = st.handles;
  if (!layer) return;
  while (layer.firstChild) layer.removeChild(layer.firstChild);
  const room = st.tool === "select" && !st.furnitureLayer ? selectedRoom(st) : null;
  if (!room) return;
  const pts = outer(room);
  const k = worldPerPx(st);
  const size = handlePx(st) * k;
  for (const [first, last, edge] of walls(pts)) {
    const [ax, ay] = pts[first];
    const [bx, by] = pts[last];
    const angle = (-Math.atan2(by - ay, bx - ax) * 180) / Math.PI;
    const [mx, my] = [(ax + bx) / 2, (ay + by) / 2];
    const g = el("g", { transform: `translate(${mx} ${-my}) rotate(${angle})`, "data-handle": "edge", "data-index": edge,
      "data-testid": `pe-edge-${edge}`, class: "pe-handle pe-edge-handle" }, layer);
    el("rect", { x: -0.7 * size, y: -0.5 * size, width: 1.4 * size, height: size, rx: 0.25 * size, class: "pe-handle-hit" }, g);
    el("rect", { x: -0.5 * size, y: -0.18 * size, width: size, height: 0.36 * size, rx: 0.18 * size, class: "pe-handle-mark" }, g);
  }
  pts.forEach(([x, y], i) => {
    const g = el("g", { transform: `translate(${x} ${-y})`, "data-handle": "vertex", "data-index": i, "data-testid": `pe-vertex-${i}`, class: "pe-handle pe-vertex-handle" }, layer);
    el("circle", { r: 0.5 * size, class: "pe-handle-hit" }, g);
    el("circle", { r: 0.25 * size, class: "pe-handle-mark" }, g);
  });
}

function applyView(st) {
  const v = st.view;
  st.svg.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
}

function zoomAt(root, st, factor, centre) {
  const full = st.full;
  const v = st.view;
  const w = Math.min(full.w, Math.max(full.w / 25, v.w * factor));
  const k = w / v.w;
  const [cx, cy] = centre || [v.x + v.w / 2, v.y + v.h / 2];
  st.view = { x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k, w, h: v.h * k };
  if (w >= full.w) st.view = { ...full };
  render(root, st);
}

function fitView(root, st) {
  st.view = { ...st.full };
  render(root, st);
}

function toWorld(st, evt) {
  const pt = st.svg.createSVGPoint();
  pt.x = evt.clientX;
  pt.y = evt.clientY;
  const ctm = st.svg.getScreenCTM();
  if (!ctm) return [0, 0];
  const p = pt.matrixTransform(ctm.inverse());
  return [p.x, -p.y];
}

function snapped(st, xy) {
  const g = (st.data && st.data.grid) || 0;
  return [snap(xy[0], g), snap(xy[1], g)];
}

function send(root, st, action) {
  st.seq = (st.seq || 0) + 1;
  st.pending = `${Date.now()}-${st.seq}`;
  say(st, "Saving…");
  st.svg.setAttribute("data-pending", st.pending);
  st.sendTrigger("action", { ...action, seq: st.pending });
}

function cancelDrawing(root, st) {
  st.poly = null;
  st.rect = null;
  st.line = null;
  st.reshape = null;
  st.drag = null;
  if (st.preview) while (st.preview.firstChild) st.preview.removeChild(st.preview.firstChild);
}

function drawPreview(st) {
  const layer = st.preview;
  if (!layer) return;
  while (layer.firstChild) layer.removeChild(layer.firstChild);
  const u = st.unit || 0.1;
  if (st.rect && st.rect.end) {
    const [x0, y0] = st.rect.start;
    const [x1, y1] = st.rect.end;
    el("rect", { x: Math.min(x0, x1), y: -Math.max(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0), class: "pe-preview", "data-testid": "pe-preview" }, layer);
  }
  if (st.line && st.line.end) {
    const [[x0, y0], [x1, y1]] = [st.line.start, st.line.end];
    el("line", { x1: x0, y1: -y0, x2: x1, y2: -y1, class: "pe-preview pe-split-line", "data-testid": "pe-preview" }, layer);
  }
  if (st.reshape && st.reshape.shape) {
    el("path", { d: ringPath([[...st.reshape.shape.pts, st.reshape.shape.pts[0]]]), class: "pe-preview", "data-testid": "pe-preview" }, layer);
  }
  if (st.poly && st.poly.points.length) {
    const pts = [...st.poly.points];
    if (st.poly.hover) pts.push(st.poly.hover);
    el("polyline", { points: pts.map(([x, y]) => `${x},${-y}`).join(" "), class: "pe-preview", "data-testid": "pe-preview" }, layer);
    for (const [x, y] of st.poly.points) el("circle", { cx: x, cy: -y, r: 0.5 * u, class: "pe-vertex" }, layer);
  }
}

function finishPolygon(root, st) {
  if (!st.poly || st.poly.points.length < 3) {
    say(st, "A room needs at least 3 corners.");
    return;
  }
  const ring = [...st.poly.points, st.poly.points[0]];
  cancelDrawing(root, st);
  send(root, st, { op: "add_room", rings: [ring] });
}

function onDown(root, st, evt) {
  if (evt.button !== undefined && evt.button !== 0 && evt.pointerType === "mouse") return;
  const world = toWorld(st, evt);
  const p = snapped(st, world);
  st.down = { x: evt.clientX, y: evt.clientY, world, p };
  const handle = evt.target && evt.target.closest ? evt.target.closest("[data-handle]") : null;
  if (st.tool === "rect") {
    st.rect = { start: p, end: null };
    st.svg.setPointerCapture(evt.pointerId);
  } else if (st.tool === "split") {
    st.line = { start: p, end: null };
    st.svg.setPointerCapture(evt.pointerId);
  } else if (st.tool === "pan" || evt.button === 1) {
    st.pan = { x: evt.clientX, y: evt.clientY, view: { ...st.view } };
    st.svg.setPointerCapture(evt.pointerId);
  } else if (st.tool === "select" && handle && selectedRoom(st)) {
    const room = selectedRoom(st);
    st.reshape = { kind: handle.getAttribute("data-handle"), index: Number(handle.getAttribute("data-index")), room, start: world, p };
    st.svg.setPointerCapture(evt.pointerId);
  } else if (st.tool === "select") {
    const hit = pick(st, world);
    if (hit) {
      // a drag inside a selected room moves the room even over its furniture; a tap there picks the furniture
      const id = hit.inRoom || hit.id;
      const node = st.svg.querySelector(`[data-fid="${CSS.escape(id)}"]`);
      const feature = hit.inRoom ? "room" : hit.feature;
      st.drag = { id, feature, tapId: hit.id, node, nodes: feature === "room" ? carried(st, id) : [], start: p, delta: [0, 0] };
    } else if (st.view.w < st.full.w) {
      st.pan = { x: evt.clientX, y: evt.clientY, view: { ...st.view } };
    }
    if (hit || st.pan) st.svg.setPointerCapture(evt.pointerId);
  }
  evt.preventDefault();
}

function reshaped(st, world) {
  // the dragged room's outline as the handle would leave it, and the action that says so
  const r = st.reshape;
  const pts = outer(r.room);
  if (r.kind === "vertex") {
    const q = snapped(st, world);
    const moved = pts.map((pt, i) => (i === r.index ? q : pt));
    return { pts: moved, action: { op: "move_vertex", id: r.room.id, index: r.index, x: q[0], y: q[1] }, text: `corner to ${q[0]}, ${q[1]}` };
  }
  const [nx, ny] = outwardNormal(pts, r.index);
  const g = (st.data && st.data.grid) || 0;
  const offset = snap((world[0] - r.start[0]) * nx + (world[1] - r.start[1]) * ny, g);
  const run = walls(pts).find((w) => w[2] === r.index);
  const inRun = (i) => {
    if (!run) return i === r.index || i === (r.index + 1) % pts.length;
    const [first, last] = run;
    return first <= last ? i >= first && i <= last : i >= first || i <= last;
  };
  const moved = pts.map(([x, y], i) => (inRun(i) ? [r3(x + offset * nx), r3(y + offset * ny)] : [x, y]));
  const text = offset === 0 ? "wall not moved" : `wall ${Math.abs(offset).toFixed(1)} m ${offset > 0 ? "out" : "in"}`;
  return { pts: moved, action: { op: "move_edge", id: r.room.id, index: r.index, offset }, text, offset };
}

function onMove(root, st, evt) {
  const world = toWorld(st, evt);
  const p = snapped(st, world);
  st.cursor.setAttribute("cx", p[0]);
  st.cursor.setAttribute("cy", -p[1]);
  if (!st.pending) st.status.setAttribute("data-xy", `${p[0]} ${p[1]}`);
  if (st.tool === "rect" && st.rect) {
    st.rect.end = p;
    const w = Math.abs(p[0] - st.rect.start[0]);
    const h = Math.abs(p[1] - st.rect.start[1]);
    say(st, `${w.toFixed(1)} m × ${h.toFixed(1)} m = ${(w * h).toFixed(1)} m²`);
    drawPreview(st);
  } else if (st.tool === "split" && st.line) {
    st.line.end = p;
    const room = roomAt(st, [(st.line.start[0] + p[0]) / 2, (st.line.start[1] + p[1]) / 2]);
    say(st, room ? `Split ${room.label} along this line` : "Draw the line across a room");
    drawPreview(st);
  } else if (st.tool === "polygon" && st.poly) {
    st.poly.hover = p;
    drawPreview(st);
  } else if (st.pan) {
    const k = st.pan.view.w / st.svg.getBoundingClientRect().width;
    st.view = { ...st.pan.view, x: st.pan.view.x - (evt.clientX - st.pan.x) * k, y: st.pan.view.y - (evt.clientY - st.pan.y) * k };
    applyView(st);
  } else if (st.reshape) {
    const shape = reshaped(st, world);
    st.reshape.shape = shape;
    drawPreview(st);
    say(st, `${st.reshape.room.label}: ${shape.text}`);
  } else if (st.tool === "select" && st.drag) {
    const dx = r3(p[0] - st.drag.start[0]);
    const dy = r3(p[1] - st.drag.start[1]);
    st.drag.delta = [dx, dy];
    for (const n of [st.drag.node, ...st.drag.nodes]) if (n) n.setAttribute("transform", `translate(${dx} ${-dy})`);
    say(st, `Moving ${st.drag.feature} ${st.drag.id} by ${dx.toFixed(1)} m, ${dy.toFixed(1)} m`);
  }
}

function carried(st, roomId) {
  // what a dragged room takes along, as Python moves it: furniture inside it, doors and windows on its walls
  const d = st.data || {};
  const room = (d.rooms || []).find((r) => r.id === roomId);
  if (!room) return [];
  const tol = 0.05;
  const ids = [];
  for (const f of d.furniture || []) {
    const at = f.point || (f.rings && f.rings[0][0]);
    if (at && (inRings(room.rings, at) || ringsDist(room.rings, at) <= tol)) ids.push(f.id);
  }
  for (const f of [...(d.doors || []), ...(d.windows || []), ...(d.openings || [])]) {
    if (f.points.every((pt) => ringsDist(room.rings, pt) <= tol)) ids.push(f.id);
  }
  return ids.map((fid) => st.svg.querySelector(`[data-fid="${CSS.escape(fid)}"]`)).filter(Boolean);
}

function selectLocally(root, st, id) {
  // show the selection (and the room's handles) at once; Python confirms it on its rerun
  st.data = { ...st.data, selected: id };
  render(root, st);
}

function onUp(root, st, evt) {
  st.ups = [...(st.ups || []), { x: evt.clientX, y: evt.clientY }].slice(-2);
  const world = toWorld(st, evt);
  const p = snapped(st, world);
  const moved = st.down ? Math.hypot(evt.clientX - st.down.x, evt.clientY - st.down.y) : 0;
  const grid = (st.data && st.data.grid) || 0.001;
  try {
    if (st.tool === "rect" && st.rect) {
      const [x0, y0] = st.rect.start;
      st.rect = null;
      drawPreview(st);
      if (Math.abs(p[0] - x0) >= grid / 2 && Math.abs(p[1] - y0) >= grid / 2) {
        send(root, st, { op: "add_rect", x0, y0, x1: p[0], y1: p[1] });
      } else {
        say(st, "Drag out a rectangle: press at one corner and release at the opposite one.");
      }
    } else if (st.tool === "split" && st.line) {
      const a = st.line.start;
      st.line = null;
      drawPreview(st);
      const room = roomAt(st, [(a[0] + p[0]) / 2, (a[1] + p[1]) / 2]) || roomAt(st, a);
      if (Math.hypot(p[0] - a[0], p[1] - a[1]) < grid / 2) say(st, "Draw a line across the room: press on one side and release on the other.");
      else if (!room) say(st, "The line's middle is in no room: draw it across the room you want to split.");
      else send(root, st, { op: "split_room", id: room.id, a, b: p });
    } else if (st.tool === "polygon") {
      if (!st.poly) st.poly = { points: [] };
      const pts = st.poly.points;
      const first = pts[0];
      const closeDistance = Math.max(grid * 1.5, (st.unit || 0.1) * 1.5);
      if (pts.length >= 3 && first && Math.hypot(p[0] - first[0], p[1] - first[1]) <= closeDistance) {
        finishPolygon(root, st);
      } else if (!pts.length || pts[pts.length - 1][0] !== p[0] || pts[pts.length - 1][1] !== p[1]) {
        pts.push(p);
        say(st, `${pts.length} corner${pts.length > 1 ? "s" : ""}; tap the first corner or Finish to close`);
        drawPreview(st);
      }
    } else if (st.pan) {
      st.pan = null;
    } else if (st.reshape) {
      const shape = st.reshape.shape || reshaped(st, world);
      st.reshape = null;
      drawPreview(st);
      const still = shape.action.op === "move_edge" ? shape.offset === 0 : moved < 4;
      if (still) say(st, "Drag the handle to reshape the room.");
      else send(root, st, shape.action);
    } else if (st.tool === "select" && st.drag) {
      const { id, tapId, delta, node, nodes } = st.drag;
      st.drag = null;
      if (Math.abs(delta[0]) >= grid / 2 || Math.abs(delta[1]) >= grid / 2) {
        send(root, st, { op: "move", id, dx: delta[0], dy: delta[1] });
      } else {
        for (const n of [node, ...nodes]) if (n) n.removeAttribute("transform");
        if (moved < 8) {
          send(root, st, { op: "select", id: tapId });
          selectLocally(root, st, tapId);
        }
      }
    } else if (moved < 12) {
      const hit = pick(st, world);
      if (st.tool === "door") send(root, st, { op: "place_door", x: p[0], y: p[1] });
      else if (st.tool === "window") send(root, st, { op: "place_window", x: p[0], y: p[1] });
      else if (st.tool === "point") send(root, st, { op: "click", x: p[0], y: p[1] });
      else if (st.tool === "delete" && hit) send(root, st, { op: "delete", id: hit.id });
    }
  } finally {
    st.down = null;
    if (st.svg.hasPointerCapture && st.svg.hasPointerCapture(evt.pointerId)) st.svg.releasePointerCapture(evt.pointerId);
  }
}

function bind(root, st) {
  const handlers = {
    pointerdown: (e) => onDown(root, st, e),
    pointermove: (e) => onMove(root, st, e),
    pointerup: (e) => onUp(root, st, e),
    pointercancel: () => {
      st.pan = null;
      st.reshape = null;
      cancelDrawing(root, st);
    },
    wheel: (e) => {
      if (!e.ctrlKey) return; // plain wheel scrolls the page; Ctrl + wheel (and trackpad pinch) zooms
      e.preventDefault();
      const pt = st.svg.createSVGPoint();
      pt.x = e.clientX;
      pt.y = e.clientY;
      const c = pt.matrixTransform(st.svg.getScreenCTM().inverse());
      zoomAt(root, st, e.deltaY > 0 ? 1.15 : 1 / 1.15, [c.x, c.y]);
    },
    dblclick: (e) => {
      // a real double tap/click lands twice on one spot; two quick clicks on different
      // corners must not close the polygon early
      const ups = st.ups || [];
      const same = ups.length >= 2 && Math.hypot(ups[0].x - ups[1].x, ups[0].y - ups[1].y) < 6;
      if (st.tool === "polygon" && same) {
        e.preventDefault();
        finishPolygon(root, st);
      }
    },
  };
  for (const [name, fn] of Object.entries(handlers)) st.svg.addEventListener(name, fn, name === "wheel" ? { passive: false } : undefined);
  // Keys act only while a shape is being drawn. Listening on the window (not a focusable
  // root) keeps a click on the plan from focusing, and so scrolling, the page.
  const onKey = (e) => {
    if (e.key === "Escape" && root.classList.contains("pe-full") && !st.poly && !st.rect && !st.line && !st.reshape) {
      setFull(root, st, false);
      return;
    }
    if (!st.poly && !st.rect && !st.line && !st.reshape) return;
    if (e.key === "Escape") {
      cancelDrawing(root, st);
      say(st, "Cancelled");
    } else if (e.key === "Enter" && st.tool === "polygon") finishPolygon(root, st);
  };
  window.addEventListener("keydown", onKey);
  // handles keep their size in px when the plan is resized (full screen, a wider column, rotation)
  const resize = typeof ResizeObserver === "function" ? new ResizeObserver(() => drawHandles(st)) : null;
  if (resize) resize.observe(st.svg);
  return () => {
    for (const [name, fn] of Object.entries(handlers)) st.svg.removeEventListener(name, fn);
    window.removeEventListener("keydown", onKey);
    if (resize) resize.disconnect();
  };
}

export default function (component) {
  const { data, parentElement, setTriggerValue, key } = component;
  let root = parentElement.querySelector(".pe-root");
  if (!root) {
    root = document.createElement("div");
    root.className = "pe-root";
    root.setAttribute("data-testid", "pe-root");
    parentElement.appendChild(root);
  }
  let st = root.__pe;
  if (!st) {
    st = root.__pe = { key, tool: TOOL_BY_KEY.get(key) || (data && data.tool) || "select" };
    build(root, st);
  }
  st.data = data || {};
  st.sendTrigger = setTriggerValue;
  render(root, st);
  applyTool(st, st.tool);
  if (st.pending && st.data.ack === st.pending) {
    st.pending = null;
    st.svg.removeAttribute("data-pending");
  }
  if (!st.pending && st.data.message) say(st, st.data.message);
  else if (!st.pending && !st.status.textContent) say(st, (TOOLS.find((t) => t[0] === st.tool) || ["", "", ""])[2]);
  if (!st.unbind) st.unbind = bind(root, st);
  return () => {
    if (st.unbind) st.unbind();
    st.unbind = null;
  };
}
