// GhostRoll gallery: renders manifest.json (inline or polled) into a justified grid with a lightbox.
// Data never becomes markup: every string goes through textContent or a DOM property, every URL through safeUrl().
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls) => { const e = document.createElement(tag); if (cls) e.className = cls; return e; };
  const cfg = JSON.parse($('gr-config').textContent);
  const grid = $('grid'), status = $('status'), lb = $('lb'), frame = $('frame'), stage = $('stage');
  // The Original/Enhanced choice belongs to this gallery: galleries share an origin (a bucket, the appliance).
  const VIEW_KEY = `ghostroll.view:${location.pathname}`;
  const CHUNK = 60;
  const EAGER = 8; // the first screenful: fetched at once and first, so a slow connection shows something early
  const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
  let items = [], byId = new Map(), tiles = new Map(), rendered = 0;
  let complete = false, expired = false, expected = 0, zip = null, manifestUrl = cfg.manifest_url || null;
  let view = localStorage.getItem(VIEW_KEY) === 'enhanced' ? 'enhanced' : 'original';
  const enhanced = new Map(); // id -> true (exists) | false (missing) ; absent = unknown
  let anyEnhanced = false;

  // ---- Data helpers -------------------------------------------------------------------------------------------
  // Only http(s), blob, file and relative URLs; anything else (javascript:, data:) is dropped.
  const safeUrl = (u) => {
    if (typeof u !== 'string' || !u) return null;
    const m = /^([a-z][a-z0-9+.-]*):/i.exec(u);
    if (m && !/^(https?|blob|file)$/i.test(m[1])) return null;
    return u.replace(/\s/g, encodeURIComponent);
  };
  const img = (v) => (v && safeUrl(v.url) ? v : null);
  const ratio = (it) => {
    const w = it.width || (it.thumb && it.thumb.width), h = it.height || (it.thumb && it.thumb.height);
    return w > 0 && h > 0 ? Math.min(3, Math.max(0.4, w / h)) : 1.5;
  };
  const srcset = (...vs) => vs.filter(img).map((v) => `${safeUrl(v.url)} ${v.width}w`).join(', ');
  const mb = (b) => (b >= 1e9 ? `${(b / 1e9).toFixed(1)} GB` : b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1e3))} kB`);
  // "2020-02-18T08:55:53+01:00": shown as the camera's wall-clock time, whatever the viewer's time zone.
  const when = (t) => {
    const m = typeof t === 'string' && /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?/.exec(t);
    if (!m) return '';
    const d = new Date(Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0)));
    return d.toLocaleString(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  };
  const caption = (it) => [when(it.taken), it.camera].filter(Boolean).join(' \u00b7 ');
  const isVideo = (it) => it.kind === 'video';
  const alt = (it) => `${isVideo(it) ? 'Video' : 'Photo'} ${it.name}${caption(it) ? `, ${caption(it)}` : ''}`;
  const stem = (n) => String(n).replace(/\.[^.]*$/, '');

  // ---- Pictures -----------------------------------------------------------------------------------------------
  // <picture>: WebP first when the manifest has it, JPEG fallback; srcset over thumb and share sizes.
  function picture(it, sizes, lazy, first) {
    const pic = el('picture');
    const webp = srcset(it.thumb_webp, it.share_webp);
    if (webp) { const s = el('source'); s.type = 'image/webp'; s.sizes = sizes; s.srcset = webp; pic.append(s); }
    const i = el('img');
    // Inside its <picture> before any URL is set, so the browser picks one source and fetches only that.
    pic.append(i);
    if (lazy) i.loading = 'lazy';
    if (first) i.fetchPriority = 'high';
    i.decoding = 'async';
    i.alt = alt(it);
    const base = img(it.thumb) || img(it.share);
    if (base) { i.width = base.width; i.height = base.height; }
    i.sizes = sizes;
    const jpeg = srcset(it.thumb, it.share);
    if (jpeg) i.srcset = jpeg;
    if (base) i.src = safeUrl(base.url);
    return pic;
  }
  function placeholder(text) { const d = el('div', 'none'); d.textContent = text; return d; }

  // A tile asks for the 2048 px share image only when the 512 px thumbnail would be enlarged more than 1.5x on
  // this screen: a 200 px tile on a 3x phone keeps the thumbnail (85% sharp, a tenth of the bytes).
  let rowH = 0;
  function makeTile(it, index) {
    const a = el('a', 'tile');
    const r = ratio(it);
    a.style.setProperty('--r', r.toFixed(4));
    a.dataset.id = it.id;
    const target = img(it.share) || img(it.thumb);
    a.href = target ? safeUrl(target.url) : '#';
    if (img(it.thumb) || img(it.share)) {
      a.append(picture(it, `${Math.ceil((r * rowH) / 1.5)}px`, index >= EAGER, index < EAGER));
    } else {
      a.append(placeholder(isVideo(it) ? it.name : it.error ? `${it.name}: no preview (${it.error})` : `${it.name}: no preview`));
      a.setAttribute('aria-label', alt(it));
    }
    if (isVideo(it)) { const b = el('span', 'badge'); b.textContent = '\u25b6 Video'; a.append(b); }
    a.addEventListener('click', (e) => { e.preventDefault(); open(items.indexOf(byId.get(it.id))); });
    return a;
  }
  const signature = (it) => [img(it.thumb) ? 1 : 0, it.width, it.height, it.error || ''].join('|');

  // ---- Grid: ordered, chunked (only the first `rendered` items have DOM nodes) ------------------------------
  function layout() {
    const n = Math.min(rendered, items.length);
    // Read once per pass (the sentinel is --row-h wide, resolved by CSS): per tile it would force a layout each time.
    rowH = $('sentinel').getBoundingClientRect().width || 200;
    let node = grid.firstElementChild;
    for (let i = 0; i < n; i++) {
      const it = items[i];
      let t = tiles.get(it.id);
      if (!t || t.sig !== signature(it)) {
        const fresh = { node: makeTile(it, i), sig: signature(it) };
        if (t) t.node.replaceWith(fresh.node);
        tiles.set(it.id, t = fresh);
      }
      if (t.node !== node) grid.insertBefore(t.node, node);
      else node = node.nextElementSibling;
    }
    while (node) { const next = node.nextElementSibling; tiles.delete(node.dataset.id); node.remove(); node = next; }
    $('empty').hidden = items.length > 0 || expired;
  }
  // One chunk per frame while the end of the grid is within 2.5 screens: the observer wakes us when it comes
  // near, scrolling keeps us going (an observer alone stays silent if a chunk was too short to move it away).
  let filling = false;
  function fill() {
    filling = false;
    if (rendered < items.length && $('sentinel').getBoundingClientRect().top < innerHeight * 2.5) { rendered += CHUNK; layout(); more(); }
  }
  function more() { if (!filling) { filling = true; requestAnimationFrame(fill); } }
  new IntersectionObserver((es) => { if (es.some((e) => e.isIntersecting)) more(); }, { rootMargin: '150% 0px' }).observe($('sentinel'));
  addEventListener('scroll', more, { passive: true });
  function renderUpTo(index) { if (index >= rendered) { rendered = Math.ceil((index + 1) / CHUNK) * CHUNK; layout(); } }

  // ---- Manifest ---------------------------------------------------------------------------------------------
  function apply(m) {
    if (!m || !Array.isArray(m.items)) return;
    if (m.title) {
      const by = typeof m.photographer === 'string' && m.photographer ? m.photographer : null;
      $('title').textContent = m.title;
      $('by').textContent = by ? `Photos by ${by}` : ''; $('by').hidden = !by;
      document.title = by ? `${m.title} \u00b7 ${by}` : m.title;
    }
    const next = [], nextById = new Map();
    for (const it of m.items) {
      if (!it || typeof it.id !== 'string' || nextById.has(it.id)) continue;
      it.name = String(it.name ?? it.id);
      next.push(it); nextById.set(it.id, it);
    }
    items = next; byId = nextById;
    complete = !!m.complete;
    expected = Math.max(m.expected | 0, items.length);
    zip = img(m.download_all);
    if (m.expires_utc && Date.parse(m.expires_utc) < Date.now()) return showExpired();
    if (rendered < CHUNK) rendered = CHUNK;
    layout();
    updateStatus();
    const all = $('all');
    all.hidden = !zip;
    if (zip) { all.href = safeUrl(zip.url); all.textContent = `Download all photos (${mb(zip.bytes)})`; }
    // A short link says when the link itself ends (its page config), not when this manifest's signatures do.
    const until = typeof cfg.link_expires_utc === 'string' ? cfg.link_expires_utc : m.expires_utc;
    if (until) {
      const d = new Date(until);
      $('expiry').textContent = `This private link works until ${d.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' })}.`;
    }
    if (lbIndex >= 0) { const id = lbId; lbIndex = items.indexOf(byId.get(id)); if (lbIndex < 0) close(); else counter(); }
    probeEnhanced();
  }
  function updateStatus(state) {
    const n = items.length, clips = items.filter(isVideo).length;
    const noun = (k) => (clips && clips < n ? ' photos and clips' : clips ? (k === 1 ? ' clip' : ' clips') : k === 1 ? ' photo' : ' photos');
    let text;
    if (state === 'offline') text = `${n} of ${expected}${noun(expected)} \u00b7 connection lost, retrying\u2026`;
    else if (complete) text = `${n}${noun(n)} \u00b7 complete`;
    else if (n === 0 && expected === 0) text = 'Waiting for the first photos\u2026';
    else text = `${n} of ${expected}${noun(expected)} \u00b7 more on the way`;
    status.textContent = text;
    status.dataset.state = state || (complete ? 'complete' : 'loading');
  }
  function showExpired() {
    expired = true;
    items = []; byId = new Map(); rendered = 0; layout();
    $('expired').hidden = false;
    $('all').hidden = true;
    $('expiry').textContent = '';
    status.textContent = 'Link expired';
    status.dataset.state = 'expired';
    close();
  }
  let failures = 0;
  async function poll() {
    if (!manifestUrl || complete || expired) return;
    try {
      const r = await fetch(manifestUrl, { cache: 'no-store', credentials: 'omit' });
      // 403/401: a presigned manifest URL has expired; 410: the short-link service says revoked or expired.
      if (r.status === 403 || r.status === 401 || r.status === 410) return showExpired();
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      apply(await r.json());
      failures = 0;
    } catch {
      failures++;
      updateStatus('offline');
    }
    // Back off while the connection is bad (2 s → up to 30 s), resume the normal pace once it answers.
    if (!complete && !expired) setTimeout(poll, Math.min(30, (cfg.poll_seconds || 2) * 2 ** Math.min(failures, 4)) * 1000);
  }

  // ---- Enhanced versions: probe until one exists, then offer the toggle -------------------------------------
  let probing = false, probeCursor = 0;
  function probe(it) {
    return new Promise((resolve) => {
      const url = safeUrl(it.enhanced);
      if (!url) return resolve(false);
      if (enhanced.has(it.id) && enhanced.get(it.id)) return resolve(true);
      const p = new Image();
      p.onload = () => resolve(p.naturalWidth > 0);
      p.onerror = () => resolve(false);
      p.src = url;
    }).then((ok) => { enhanced.set(it.id, ok); if (ok && !anyEnhanced) { anyEnhanced = true; toggleUi(); } return ok; });
  }
  // The enhancer runs after upload, in upload order: probe the earliest items, one at a time, on every manifest
  // poll while photos arrive, then every 15 s, backing off to 5 minutes (one small 403 each) while the page is open.
  let probeDelay = 15000, probeTimer = 0;
  async function probeEnhanced() {
    if (anyEnhanced || probing || expired) return;
    const candidates = items.filter((it) => it.enhanced);
    if (!candidates.length) return;
    probing = true;
    clearTimeout(probeTimer);
    const it = candidates[probeCursor++ % Math.min(candidates.length, 3)];
    enhanced.delete(it.id);
    const ok = await probe(it);
    probing = false;
    if (!ok && !anyEnhanced) { probeTimer = setTimeout(probeEnhanced, probeDelay); probeDelay = Math.min(300000, probeDelay * 2); }
  }
  function toggleUi() {
    for (const seg of document.querySelectorAll('.seg')) {
      seg.hidden = !anyEnhanced;
      for (const b of seg.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.view === view));
    }
  }
  for (const b of document.querySelectorAll('.seg button')) {
    b.addEventListener('click', () => {
      view = b.dataset.view;
      localStorage.setItem(VIEW_KEY, view);
      toggleUi();
      if (lbIndex >= 0) show(lbIndex);
    });
  }

  // ---- Lightbox -----------------------------------------------------------------------------------------------
  let lbIndex = -1, lbId = null, opener = null, pushed = false;
  let z = { s: 1, x: 0, y: 0 };
  function counter() { $('count').textContent = `${lbIndex + 1} / ${items.length}${complete ? '' : '+'}`; }
  function open(i, fromHistory) {
    if (i < 0 || i >= items.length) return;
    opener = document.activeElement;
    lb.hidden = false;
    document.body.style.overflow = 'hidden';
    show(i);
    if (!fromHistory && !pushed) { history.pushState({ lb: true }, '', `#${encodeURIComponent(items[i].id)}`); pushed = true; }
    $('close').focus();
  }
  function close() {
    if (lbIndex < 0) return;
    const id = lbId;
    lbIndex = -1; lbId = null;
    lb.hidden = true;
    document.body.style.overflow = '';
    frame.replaceChildren();
    const t = tiles.get(id);
    if (t) { t.node.focus({ preventScroll: true }); t.node.scrollIntoView({ block: 'nearest' }); } else if (opener) opener.focus();
  }
  function leave() { if (pushed) history.back(); else close(); }
  addEventListener('popstate', () => { pushed = false; if (lbIndex >= 0) close(); });

  // The picture for the current mode: the enhanced JPEG when asked for and available, else the original variants.
  function slide(it, lazy) {
    if (view === 'enhanced' && it.enhanced && enhanced.get(it.id) !== false) {
      const i = el('img');
      i.alt = `${alt(it)} (enhanced)`;
      i.decoding = 'async';
      i.addEventListener('error', () => {
        // Per-image fallback: this one has no enhanced version (yet); show the original instead.
        enhanced.set(it.id, false);
        if (items[lbIndex] === it) show(lbIndex);
      }, { once: true });
      i.addEventListener('load', () => { if (!enhanced.get(it.id)) { enhanced.set(it.id, true); if (!anyEnhanced) { anyEnhanced = true; toggleUi(); } } }, { once: true });
      i.src = safeUrl(it.enhanced);
      return i;
    }
    if (!img(it.thumb) && !img(it.share)) return placeholder(`${it.name}: no preview${it.error ? ` (${it.error})` : ''}`);
    return picture(it, '100vw', lazy);
  }
  function show(i) {
    lbIndex = i; lbId = items[i].id;
    const it = items[i];
    renderUpTo(i);
    resetZoom();
    // The tile's picture is already decoded: show it at once, sharpened when the big one arrives.
    const t = tiles.get(it.id), small = t && t.node.querySelector('img');
    const lowSrc = small && small.currentSrc ? small.currentSrc : img(it.thumb_webp) ? safeUrl(it.thumb_webp.url) : img(it.thumb) ? safeUrl(it.thumb.url) : null;
    const low = lowSrc ? el('img', 'low') : null;
    if (low) { low.alt = ''; low.src = lowSrc; }
    const main = slide(it, false);
    frame.replaceChildren(...[low, main].filter(Boolean));
    counter();
    const cap = $('cap');
    const line = el('div'); line.textContent = caption(it) || '\u00a0';
    const name = el('div', 'name');
    name.textContent = it.name + (view === 'enhanced' && enhanced.get(it.id) === false && it.enhanced ? ' \u00b7 original (no enhanced version yet)' : '');
    cap.replaceChildren(line, name);
    const dl = $('dl');
    const file = isVideo(it) && it.video && safeUrl(it.video.url)
      ? { url: it.video.url, name: it.name, label: `Download clip (${mb(it.video.bytes)})` }
      : view === 'enhanced' && enhanced.get(it.id) && it.enhanced
        ? { url: it.enhanced, name: `${stem(it.name)}-enhanced.jpg`, label: 'Download' }
        : img(it.share) ? { url: it.share.url, name: `${stem(it.name)}.jpg`, label: 'Download' } : null;
    dl.hidden = !file;
    if (file) {
      dl.href = safeUrl(file.url); dl.download = file.name; dl.textContent = file.label;
      // From disk Chromium ignores the download attribute and would show a picture or play a clip in place of
      // the gallery: open those in a new tab instead. Other files (zip, AVI) download either way.
      const inTab = location.protocol === 'file:' && /\.(jpe?g|webp|png|mp4|m4v|mov|webm)$/i.test(file.name);
      dl.target = inTab ? '_blank' : ''; dl.rel = inTab ? 'noopener' : '';
    }
    $('prev').disabled = i === 0;
    $('next').disabled = i === items.length - 1;
    // Neighbours load in the background, so the next swipe shows a sharp picture at once.
    for (const j of [i + 1, i - 1]) if (items[j]) slide(items[j], false);
    if (view === 'enhanced' && it.enhanced && !enhanced.has(it.id)) probe(it);
  }
  const go = (d) => { if (lbIndex >= 0) { const j = Math.max(0, Math.min(items.length - 1, lbIndex + d)); if (j !== lbIndex) show(j); } };
  $('prev').addEventListener('click', () => go(-1));
  $('next').addEventListener('click', () => go(1));
  $('close').addEventListener('click', leave);
  document.addEventListener('keydown', (e) => {
    if (lbIndex < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === 'ArrowRight') go(1);
    else if (k === 'ArrowLeft') go(-1);
    else if (k === 'Home') show(0);
    else if (k === 'End') show(items.length - 1);
    else if (k === 'Escape') leave();
    else if (k === 'Tab') trap(e);
    else return;
    if (k !== 'Tab') e.preventDefault();
  });
  function trap(e) {
    const f = [...lb.querySelectorAll('button:not([disabled]), a[href]:not([hidden])')].filter((x) => x.offsetParent !== null);
    if (!f.length) return;
    const first = f[0], last = f[f.length - 1];
    if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
    else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
    else if (!lb.contains(document.activeElement)) { first.focus(); e.preventDefault(); }
  }

  // ---- Zoom and pan: pinch, double-tap / double-click, wheel; swipe to change photo when not zoomed --------
  function apply3d(animate) {
    frame.classList.toggle('settle', !!animate && !reduced);
    frame.style.transform = `translate(${z.x}px, ${z.y}px) scale(${z.s})`;
  }
  function resetZoom() { z = { s: 1, x: 0, y: 0 }; apply3d(false); }
  function clampPan() {
    const w = stage.clientWidth, h = stage.clientHeight;
    z.s = Math.min(6, Math.max(1, z.s));
    z.x = Math.min(0, Math.max(w - w * z.s, z.x));
    z.y = Math.min(0, Math.max(h - h * z.s, z.y));
  }
  function zoomAt(s, cx, cy, animate) {
    // Keep the stage point under (cx, cy) fixed while the scale changes.
    const k = s / z.s;
    z.x = cx - (cx - z.x) * k; z.y = cy - (cy - z.y) * k; z.s = s;
    clampPan(); apply3d(animate);
  }
  const pts = new Map();
  let gesture = null, lastTap = null;
  const local = (e) => { const r = stage.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; };
  stage.addEventListener('pointerdown', (e) => {
    stage.setPointerCapture(e.pointerId);
    pts.set(e.pointerId, local(e));
    const p = [...pts.values()];
    if (p.length === 1) gesture = { kind: z.s > 1 ? 'pan' : 'swipe', start: p[0], x: z.x, y: z.y, t: e.timeStamp };
    else if (p.length === 2) {
      const d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1;
      gesture = { kind: 'pinch', d, s: z.s };
    }
  });
  stage.addEventListener('pointermove', (e) => {
    if (!pts.has(e.pointerId) || !gesture) return;
    pts.set(e.pointerId, local(e));
    const p = [...pts.values()];
    if (gesture.kind === 'pinch' && p.length >= 2) {
      const d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      zoomAt(gesture.s * d / gesture.d, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2, false);
    } else if (gesture.kind === 'pan') {
      z.x = gesture.x + p[0].x - gesture.start.x; z.y = gesture.y + p[0].y - gesture.start.y; clampPan(); apply3d(false);
    } else if (gesture.kind === 'swipe') {
      const dx = p[0].x - gesture.start.x;
      frame.style.transform = `translateX(${dx}px)`;
    }
  });
  function pointerEnd(e) {
    if (!pts.has(e.pointerId)) return;
    const p = local(e);
    pts.delete(e.pointerId);
    if (!gesture) return;
    if (gesture.kind === 'swipe' && pts.size === 0) {
      const dx = p.x - gesture.start.x, dy = p.y - gesture.start.y;
      const moved = Math.hypot(dx, dy);
      if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) { go(dx < 0 ? 1 : -1); resetZoom(); }
      else if (dy > 90 && Math.abs(dy) > Math.abs(dx) * 1.5) leave();
      else { apply3d(true); if (moved < 12) tap(p, e.timeStamp); }
    } else if (gesture.kind === 'pan' && pts.size === 0 && !gesture.noTap) {
      if (Math.hypot(p.x - gesture.start.x, p.y - gesture.start.y) < 12) tap(p, e.timeStamp);
    }
    if (pts.size === 0) { gesture = null; if (z.s <= 1.02) resetZoom(); }
    else if (pts.size === 1) { const q = [...pts.values()][0]; gesture = { kind: 'pan', start: q, x: z.x, y: z.y, noTap: true }; }
  }
  function tap(p, t) {
    // Double-tap (or double-click): zoom to 2.5x at that point, or back to fit.
    if (lastTap && t - lastTap.t < 350 && Math.hypot(p.x - lastTap.x, p.y - lastTap.y) < 30) {
      lastTap = null;
      if (z.s > 1) { z = { s: 1, x: 0, y: 0 }; apply3d(true); } else zoomAt(2.5, p.x, p.y, true);
    } else lastTap = { x: p.x, y: p.y, t };
  }
  stage.addEventListener('pointerup', pointerEnd);
  stage.addEventListener('pointercancel', pointerEnd);
  stage.addEventListener('wheel', (e) => {
    e.preventDefault();
    const p = local(e);
    zoomAt(z.s * Math.exp(-e.deltaY / 300), p.x, p.y, false);
    if (z.s <= 1.02) resetZoom();
  }, { passive: false });

  // We put the viewer back on the tile of the last photo shown; the browser must not "restore" an older position.
  history.scrollRestoration = 'manual';

  // ---- Start --------------------------------------------------------------------------------------------------
  toggleUi();
  const inline = $('gr-manifest');
  if (inline) apply(JSON.parse(inline.textContent));
  else updateStatus();
  if (!manifestUrl && !complete && inline) {
    if (/^https?:$/.test(location.protocol)) manifestUrl = 'manifest.json';
    else {
      // Opened from disk while the import runs: the file is rewritten every few seconds. file:// cannot fetch,
      // so reload (keeping the scroll position) when the viewer is neither looking at a photo nor scrolling.
      const key = `ghostroll.scroll:${location.pathname}`;
      const y = +sessionStorage.getItem(key);
      if (y) { renderUpTo(Math.min(items.length, 8 * CHUNK) - 1); scrollTo(0, y); }
      let still = 0;
      addEventListener('scroll', () => { still = 0; }, { passive: true });
      setInterval(() => {
        if (lbIndex < 0 && document.visibilityState === 'visible' && still++ > 0) { sessionStorage.setItem(key, String(scrollY)); location.reload(); }
      }, Math.max(3, 5 * (cfg.poll_seconds || 2)) * 500);
    }
  }
  if (manifestUrl) poll();
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash && byId.has(hash)) open(items.indexOf(byId.get(hash)), true);
})();
