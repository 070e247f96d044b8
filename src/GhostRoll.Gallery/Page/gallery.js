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
  // Clip length as on a player: 0:09, 12:30, 1:02:03.
  const pad = (n) => String(n).padStart(2, '0');
  const clock = (sec) => {
    const t = Math.max(0, Math.round(sec)), h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60);
    return h ? `${h}:${pad(m)}:${pad(t % 60)}` : `${m}:${pad(t % 60)}`;
  };
  const caption = (it) => [when(it.taken), it.camera].filter(Boolean).join(' \u00b7 ');
  const isVideo = (it) => it.kind === 'video';
  const alt = (it) => `${isVideo(it) ? 'Video' : it.motion ? 'Live Photo' : 'Photo'} ${it.name}${[isVideo(it) && it.duration_seconds ? clock(it.duration_seconds) : '', caption(it)].filter(Boolean).map((x) => `, ${x}`).join('')}`;
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
    // A clip's length (or "Video" until it is known); a Live Photo says so.
    const badge = isVideo(it) ? `\u25b6 ${it.duration_seconds ? clock(it.duration_seconds) : 'Video'}` : it.motion ? 'Live' : '';
    if (badge) { const b = el('span', 'badge'); b.textContent = badge; b.setAttribute('aria-hidden', 'true'); a.append(b); }
    a.addEventListener('click', (e) => { e.preventDefault(); open(items.indexOf(byId.get(it.id))); });
    return a;
  }
  const signature = (it) => [img(it.thumb) ? 1 : 0, it.width, it.height, it.error || '', it.duration_seconds || 0, it.motion ? 1 : 0].join('|');

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
    if (zip) {
      // The zip holds the share images; when the gallery also has clips, the button says they are not in it.
      const withoutClips = zip.photos_only !== false && items.some(isVideo);
      all.href = safeUrl(zip.url);
      all.textContent = `Download all photos (${mb(zip.bytes)}${withoutClips ? ', clips not included' : ''})`;
      if (typeof zip.name === 'string' && zip.name) all.download = zip.name;
    }
    // A short link says when the link itself ends (its page config), not when this manifest's signatures do.
    const until = typeof cfg.link_expires_utc === 'string' ? cfg.link_expires_utc : m.expires_utc;
    if (until) {
      const d = new Date(until);
      $('expiry').textContent = `This private link works until ${d.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' })}.`;
    }
    // An open viewer keeps its photo (and zoom); new neighbours and the loop appear as the manifest grows.
    if (lbIndex >= 0) { const i = items.indexOf(byId.get(lbId)); if (i < 0) close(); else if (!gesture && !pending) show(i); else { lbIndex = i; counter(); } }
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

  // ---- Lightbox: a strip of three slides (previous, current, next) that follows the finger -------------------
  const strip = $('strip'), shade = $('shade');
  const GAP = 16; // px between slides, so a swipe shows where one photo ends and the next begins
  const slots = [...strip.children].map((node) => ({ node, pose: null, zoom: null, id: null, key: '', off: 0 }));
  let lbIndex = -1, lbId = null, opener = null, pushed = false, cur = null;
  let z = { s: 1, x: 0, y: 0 };
  // Loop only once the session is complete: while photos arrive, "after the last" is the next one to come.
  const loops = () => complete && items.length > 1;
  const wrap = (j) => (loops() ? (j + items.length) % items.length : j);
  // A stored "Enhanced" choice means nothing in a gallery that has no enhanced image (yet).
  const mode = () => (anyEnhanced ? view : 'original');
  const wantsEnhanced = (it) => mode() === 'enhanced' && it.enhanced && enhanced.get(it.id) !== false;
  const tester = document.createElement('video');
  const VIDEO_TYPES = { mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', avi: 'video/x-msvideo', mts: 'video/mp2t', mkv: 'video/x-matroska' };
  const typeOf = (f, name) => (f && typeof f.type === 'string' && f.type) || VIDEO_TYPES[String(name || '').split('.').pop().toLowerCase()] || '';
  // canPlayType answers for the container; Chromium says "" for video/quicktime although it plays H.264 in a MOV,
  // so a MOV is tried where MP4/H.264 plays, and an error at play time falls back to the download offer.
  const playable = (type) => !!type && !!(tester.canPlayType(type) || (/quicktime/i.test(type) && tester.canPlayType('video/mp4; codecs="avc1.42E01E"')));
  const fileOf = (it) => {
    if (isVideo(it) && it.video && safeUrl(it.video.url)) return { url: it.video.url, name: it.name, label: `Download clip (${mb(it.video.bytes)})` };
    if (mode() === 'enhanced' && enhanced.get(it.id) && it.enhanced) return { url: it.enhanced, name: `${stem(it.name)}-enhanced.jpg`, label: 'Download' };
    if (img(it.share)) return { url: it.share.url, name: `${stem(it.name)}.jpg`, label: 'Download' };
    if (it.original && safeUrl(it.original.url)) return { url: it.original.url, name: it.name, label: `Download original (${mb(it.original.bytes)})` };
    return null;
  };
  function linkTo(a, file) {
    a.href = safeUrl(file.url); a.download = file.name; a.textContent = file.label;
    // From disk Chromium ignores the download attribute and would show a picture or play a clip in place of
    // the gallery: open those in a new tab instead. Other files (zip, AVI) download either way.
    const inTab = location.protocol === 'file:' && /\.(jpe?g|webp|png|mp4|m4v|mov|webm)$/i.test(file.name);
    a.target = inTab ? '_blank' : ''; a.rel = inTab ? 'noopener' : '';
  }
  // Both are aria-live: they change only when their text does, so a manifest poll is not read out again.
  function counter() { say($('count'), `${lbIndex + 1} / ${items.length}${complete ? '' : '+'}`); }
  function say(node, text, ...lines) {
    const key = [text, ...lines].join('\n');
    if (node.dataset.said === key) return;
    node.dataset.said = key;
    if (!lines.length) { node.textContent = text; return; }
    node.replaceChildren(...[text, ...lines].map((t, k) => { const d = el('div', k ? 'name' : ''); d.textContent = t; return d; }));
  }

  // What a slide shows: the tile's decoded thumbnail at once, the big picture over it; a player for clips the
  // browser plays, an offer to download for those it does not and for items without any picture.
  function lowSrc(it) {
    const t = tiles.get(it.id), small = t && t.node.querySelector('img');
    return small && small.currentSrc ? small.currentSrc : img(it.thumb_webp) ? safeUrl(it.thumb_webp.url) : img(it.thumb) ? safeUrl(it.thumb.url) : null;
  }
  function offer(it, text) {
    const box = el('div', 'none offer');
    const p = el('p'); p.textContent = text; box.append(p);
    const file = fileOf(it);
    if (file) { const a = el('a', 'btn'); linkTo(a, file); box.append(a); }
    else if (!isVideo(it)) {
      // A shared gallery never carries originals (a RAW's EXIF may hold its location): say where it is.
      const where = el('p'); where.textContent = 'The original file is kept on the photographer\u2019s GhostRoll.'; box.append(where);
    }
    return box;
  }
  function still(it) {
    if (wantsEnhanced(it)) {
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
    return picture(it, '100vw', false);
  }
  function clip(it, zoom) {
    const url = it.video && safeUrl(it.video.url), type = typeOf(it.video, it.name);
    const poster = img(it.share) ? safeUrl(it.share.url) : lowSrc(it);
    const ext = String(it.name).split('.').pop().toUpperCase();
    const cannot = () => offer(it, `${ext} clips do not play in this browser: download it to watch.`);
    if (!url || !playable(type)) {
      if (poster) { const i = el('img', 'low'); i.alt = alt(it); i.src = poster; zoom.append(i); }
      return cannot();
    }
    const v = el('video', 'clip');
    v.controls = true; v.preload = 'none'; v.playsInline = true;
    if (poster) v.poster = poster;
    v.setAttribute('aria-label', alt(it));
    v.addEventListener('error', () => { if (v.error && v.error.code === 4) v.replaceWith(cannot()); });
    v.src = url;
    return v;
  }
  function live(it, zoom) {
    const url = safeUrl(it.motion.url);
    if (!url || !playable(typeOf(it.motion, 'x.mov'))) return null;
    const b = el('button', 'live btn');
    b.type = 'button';
    b.textContent = `\u25b6 Live${it.duration_seconds ? ` ${clock(it.duration_seconds)}` : ''}`;
    b.setAttribute('aria-label', 'Play the moving part of this Live Photo');
    b.addEventListener('click', () => {
      if (zoom.querySelector('video')) return;
      // Muted and inline: the motion part plays over the still and gives the still back at its end.
      const v = el('video', 'motion');
      v.muted = true; v.playsInline = true; v.src = url;
      const done = () => { v.remove(); b.disabled = false; };
      v.addEventListener('ended', done); v.addEventListener('error', done);
      b.disabled = true;
      zoom.append(v);
      v.play().catch(done);
    });
    return b;
  }
  function fillSlot(s, j) {
    const it = items[j];
    const key = `${it.id}|${wantsEnhanced(it) ? 'e' : 'o'}|${it.video ? it.video.url : ''}|${it.motion ? 1 : 0}`;
    s.id = it.id;
    if (s.key === key) return;
    s.key = key;
    const pose = el('div', 'pose'), zoom = el('div', 'zoom');
    pose.append(zoom);
    if (isVideo(it)) zoom.append(clip(it, zoom));
    else if (!img(it.thumb) && !img(it.share)) zoom.append(offer(it, `${it.name}: no preview${it.error ? ` (${it.error})` : ''}`));
    else {
      const low = lowSrc(it);
      if (low) { const i = el('img', 'low'); i.alt = ''; i.src = low; zoom.append(i); }
      zoom.append(still(it));
      const b = it.motion ? live(it, zoom) : null;
      if (b) pose.append(b);
    }
    s.node.replaceChildren(pose);
    s.pose = pose; s.zoom = zoom;
  }
  function clearSlot(s) { s.node.replaceChildren(); s.id = null; s.key = ''; s.pose = s.zoom = null; }
  const W = () => stage.clientWidth || innerWidth, H = () => stage.clientHeight || innerHeight;
  function place(dx) {
    strip.style.transform = `translateX(${dx}px)`;
    for (const s of slots) s.node.style.transform = `translateX(${s.off * (W() + GAP)}px)`;
  }

  function open(i, fromHistory) {
    if (i < 0 || i >= items.length) return;
    opener = document.activeElement;
    lb.hidden = false;
    lb.classList.remove('bare');
    document.body.style.overflow = 'hidden';
    show(i);
    if (!fromHistory && !pushed) { history.pushState({ lb: true }, '', `#${encodeURIComponent(items[i].id)}`); pushed = true; }
    $('close').focus({ preventScroll: true });
    // Zoom out of the tile: the picture grows from where it was in the grid to its place on the screen.
    const from = tileTransform(items[i]);
    if (from && cur.pose) {
      cur.pose.style.transform = from;
      glide(cur.pose, 'translate(0px, 0px) scale(1)', 240);
      fade(0, 1, 240);
    }
  }
  function close(animate) {
    if (lbIndex < 0) return;
    const id = lbId, it = items[lbIndex];
    lbIndex = -1; lbId = null;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    const t = tiles.get(id);
    const finish = () => {
      if (lbIndex >= 0) return; // reopened meanwhile
      settle();
      lb.hidden = true;
      lb.classList.remove('bare', 'closing');
      shade.style.opacity = '';
      document.body.style.overflow = '';
      for (const s of slots) clearSlot(s);
      for (const n of [$('cap'), $('count')]) delete n.dataset.said; // the next opening is announced again
      if (t) t.node.focus({ preventScroll: true }); else if (opener) opener.focus();
    };
    if (t) t.node.scrollIntoView({ block: 'nearest' });
    const to = animate && it && cur && cur.pose ? tileTransform(it) : null;
    if (!to) return finish();
    // Back into the tile, from wherever the picture is (zoomed, dragged halfway down).
    lb.classList.add('closing');
    const zoomNow = cur.zoom ? cur.zoom.style.transform : '';
    if (zoomNow && z.s > 1) { z = { s: 1, x: 0, y: 0 }; glide(cur.zoom, 'translate(0px, 0px) scale(1)', 200); }
    fade(+getComputedStyle(shade).opacity, 0, 200);
    glide(cur.pose, to, 200, finish);
  }
  function leave() { if (pushed) history.back(); else close(true); }
  addEventListener('popstate', () => { pushed = false; if (lbIndex >= 0) close(true); });

  // The transform that puts the slide's fitted picture over the item's tile, or null (tile off screen, reduced motion).
  function tileTransform(it) {
    const t = tiles.get(it.id);
    if (reduced || !t) return null;
    const r = t.node.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= innerHeight || r.width === 0) return null;
    const ratioNow = ratio(it), w = W(), h = H();
    const fw = Math.min(w, h * ratioNow), fh = fw / ratioNow, fx = (w - fw) / 2, fy = (h - fh) / 2;
    const s = Math.max(r.width / fw, r.height / fh);
    return `translate(${r.left + r.width / 2 - (fx + fw / 2) * s}px, ${r.top + r.height / 2 - (fy + fh / 2) * s}px) scale(${s})`;
  }

  // One running glide at a time; its follow-up runs when it ends, or at once when a new gesture starts.
  let pending = null;
  function settle() { const p = pending; pending = null; if (p) { p.a.cancel(); if (p.done) p.done(); } }
  function glide(node, to, ms, done) {
    settle();
    const from = node.style.transform || 'none';
    node.style.transform = to;
    if (reduced || !ms || from === to) { if (done) done(); return; }
    const a = node.animate([{ transform: from }, { transform: to }], { duration: ms, easing: 'cubic-bezier(.2, .8, .3, 1)' });
    pending = { a, done };
    a.onfinish = () => { if (pending && pending.a === a) { pending = null; if (done) done(); } };
  }
  function fade(from, to, ms) {
    shade.style.opacity = String(to);
    if (!reduced && ms) shade.animate([{ opacity: from }, { opacity: to }], { duration: ms, easing: 'ease-out' });
  }

  function show(i) {
    lbIndex = i; lbId = items[i].id;
    const it = items[i];
    renderUpTo(i);
    // Slots that already hold the photo or a neighbour keep it (no reload, no flicker); the others are refilled.
    const want = [wrap(i - 1), i, wrap(i + 1)].map((j) => (j >= 0 && j < items.length ? j : -1));
    const free = [...slots], placed = [null, null, null];
    for (const k of [1, 2, 0]) {
      const j = want[k];
      const at = j < 0 ? -1 : free.findIndex((s) => s.id === items[j].id);
      if (at >= 0) placed[k] = free.splice(at, 1)[0];
    }
    for (const k of [1, 2, 0]) if (!placed[k]) placed[k] = free.shift();
    const before = cur;
    placed.forEach((s, k) => {
      s.off = k - 1;
      if (want[k] >= 0) fillSlot(s, want[k]); else clearSlot(s);
      s.node.inert = k !== 1;
      s.node.setAttribute('aria-hidden', String(k !== 1));
      if (s.zoom) { if (k === 1) s.zoom.id = 'frame'; else s.zoom.removeAttribute('id'); }
      if (k !== 1) for (const v of s.node.querySelectorAll('video')) v.pause();
    });
    cur = placed[1];
    place(0);
    if (cur !== before || !cur.zoom || !cur.zoom.style.transform) resetZoom();
    if (cur.pose) cur.pose.style.transform = '';
    shade.style.opacity = '';
    counter();
    say($('cap'), [isVideo(it) && it.duration_seconds ? clock(it.duration_seconds) : '', caption(it)].filter(Boolean).join(' \u00b7 ') || '\u00a0',
      it.name + (mode() === 'enhanced' && enhanced.get(it.id) === false && it.enhanced ? ' \u00b7 original (no enhanced version yet)' : ''));
    const dl = $('dl'), file = fileOf(it);
    dl.hidden = !file;
    if (file) linkTo(dl, file);
    $('prev').disabled = want[0] < 0;
    $('next').disabled = want[2] < 0;
    if (mode() === 'enhanced' && it.enhanced && !enhanced.has(it.id)) probe(it);
  }
  // Left/right, with the slide gliding across when asked (swipe end, buttons); keys jump at once.
  function go(d, animate) {
    if (lbIndex < 0) return;
    settle();
    const j = wrap(lbIndex + d);
    if (j < 0 || j >= items.length || j === lbIndex) { glide(strip, 'translateX(0px)', 200); return; }
    if (animate) glide(strip, `translateX(${-d * (W() + GAP)}px)`, 220, () => show(j));
    else show(j);
  }
  $('prev').addEventListener('click', () => go(-1, true));
  $('next').addEventListener('click', () => go(1, true));
  $('close').addEventListener('click', leave);
  const fs = $('fs');
  // The Fullscreen API is missing on iPhone Safari: no button there rather than one that does nothing.
  fs.hidden = !(document.fullscreenEnabled && lb.requestFullscreen);
  fs.addEventListener('click', () => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else lb.requestFullscreen().catch(() => {});
  });
  document.addEventListener('fullscreenchange', () => fs.setAttribute('aria-pressed', String(!!document.fullscreenElement)));
  addEventListener('resize', () => { if (lbIndex >= 0) { settle(); place(0); resetZoom(); } });
  document.addEventListener('keydown', (e) => {
    if (lbIndex < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key, c = { x: W() / 2, y: H() / 2 };
    if (k === 'ArrowRight') go(1);
    else if (k === 'ArrowLeft') go(-1);
    else if (k === 'Home') show(0);
    else if (k === 'End') show(items.length - 1);
    else if (k === 'Escape') leave();
    else if (k === '+' || k === '=') zoomAt(z.s * 1.5, c.x, c.y, true);
    else if (k === '-') { zoomAt(z.s / 1.5, c.x, c.y, true); if (z.s <= 1.02) resetZoom(true); }
    else if (k === '0') resetZoom(true);
    else if (k === 'Tab') { lb.classList.remove('bare'); trap(e); }
    else return;
    if (k !== 'Tab') e.preventDefault();
  });
  function trap(e) {
    const f = [...lb.querySelectorAll('button:not([disabled]), a[href]:not([hidden]), video')].filter((x) => x.offsetParent !== null && !x.closest('[inert]'));
    if (!f.length) return;
    const first = f[0], last = f[f.length - 1];
    if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
    else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
    else if (!lb.contains(document.activeElement)) { first.focus(); e.preventDefault(); }
  }

  // ---- Zoom and pan: pinch, double-tap / double-click, wheel, + - 0; up to the picture's own pixels ---------
  // 1:1 = one pixel of the share image per CSS pixel: beyond that a zoom only shows blur.
  function maxZoom() {
    const it = items[lbIndex];
    if (!it || isVideo(it) || (!img(it.share) && !img(it.thumb))) return 1;
    const big = img(it.share) || img(it.thumb);
    const iw = big.width || it.width, ih = big.height || it.height;
    return iw > 0 && ih > 0 ? Math.max(1, iw / W(), ih / H()) : 4;
  }
  function apply3d(animate) {
    if (!cur || !cur.zoom) return;
    const t = `translate(${z.x}px, ${z.y}px) scale(${z.s})`;
    if (animate) glide(cur.zoom, t, 220); else cur.zoom.style.transform = t;
  }
  function resetZoom(animate) { z = { s: 1, x: 0, y: 0 }; apply3d(animate); }
  function clampPan() {
    const w = W(), h = H();
    z.s = Math.min(maxZoom(), Math.max(1, z.s));
    z.x = Math.min(0, Math.max(w - w * z.s, z.x));
    z.y = Math.min(0, Math.max(h - h * z.s, z.y));
  }
  function zoomAt(s, cx, cy, animate) {
    // Keep the stage point under (cx, cy) fixed while the scale changes.
    const target = Math.min(maxZoom(), Math.max(1, s)), k = target / z.s;
    z.x = cx - (cx - z.x) * k; z.y = cy - (cy - z.y) * k; z.s = target;
    clampPan(); apply3d(animate);
  }

  // ---- Gestures: one finger swipes (the strip follows it) or drags down/up to close; two fingers pinch -------
  const pts = new Map();
  let gesture = null, lastTap = null, tapTimer = 0;
  const local = (e) => { const r = stage.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; };
  function track(g, p, t) { g.trail.push({ x: p.x, y: p.y, t }); while (g.trail.length > 2 && t - g.trail[0].t > 100) g.trail.shift(); }
  function velocity(g) {
    const a = g.trail[0], b = g.trail[g.trail.length - 1], dt = Math.max(1, b.t - a.t);
    return { x: (b.x - a.x) / dt, y: (b.y - a.y) / dt };
  }
  function dragTo(dy) {
    // Follows the finger, shrinks a little and lets the grid show through as it goes.
    const h = H(), w = W(), s = 1 - Math.min(0.25, Math.abs(dy) / h * 0.5);
    cur.pose.style.transform = `translate(${(w * (1 - s)) / 2}px, ${dy + (h * (1 - s)) / 2}px) scale(${s})`;
    shade.style.opacity = String(Math.max(0, 1 - Math.abs(dy) / (h * 0.6)));
  }
  stage.addEventListener('pointerdown', (e) => {
    if (lbIndex < 0 || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const control = e.target.closest && e.target.closest('video, a, button');
    // A mouse on a player or a button works the control; a finger may still swipe across it.
    if (control && e.pointerType === 'mouse') return;
    settle();
    if (!control && e.pointerType === 'mouse') stage.setPointerCapture(e.pointerId);
    pts.set(e.pointerId, local(e));
    const p = [...pts.values()];
    if (p.length === 1) {
      gesture = { kind: z.s > 1 ? 'pan' : 'pending', start: p[0], x: z.x, y: z.y, trail: [], control: !!control };
      track(gesture, p[0], e.timeStamp);
    } else if (p.length === 2 && !(gesture && gesture.control)) {
      place(0);
      if (cur && cur.pose) { cur.pose.style.transform = ''; shade.style.opacity = ''; }
      const d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1;
      gesture = { kind: 'pinch', d, s: z.s, trail: [] };
    }
  });
  stage.addEventListener('pointermove', (e) => {
    if (!pts.has(e.pointerId) || !gesture) return;
    pts.set(e.pointerId, local(e));
    const p = [...pts.values()];
    if (gesture.kind === 'pinch' && p.length >= 2) {
      const d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      zoomAt(gesture.s * d / gesture.d, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2, false);
      return;
    }
    if (p.length !== 1) return;
    track(gesture, p[0], e.timeStamp);
    const dx = p[0].x - gesture.start.x, dy = p[0].y - gesture.start.y;
    if (gesture.kind === 'pending' && Math.hypot(dx, dy) > 8) {
      gesture.kind = Math.abs(dx) >= Math.abs(dy) ? 'swipe' : 'drag';
      lb.classList.add('moving');
    }
    if (gesture.kind === 'pan') {
      z.x = gesture.x + dx; z.y = gesture.y + dy; clampPan(); apply3d(false);
    } else if (gesture.kind === 'swipe') {
      // Past the first or last photo (no loop yet) the strip resists: it moves a third of the finger's way.
      const edge = (dx > 0 && wrap(lbIndex - 1) < 0) || (dx < 0 && wrap(lbIndex + 1) >= items.length);
      place(edge ? dx / 3 : dx);
    } else if (gesture.kind === 'drag' && cur && cur.pose) dragTo(dy);
  });
  function pointerEnd(e) {
    if (!pts.has(e.pointerId)) return;
    const p = local(e);
    pts.delete(e.pointerId);
    if (!gesture) return;
    const g = gesture;
    if (pts.size === 1) {
      // One finger of a pinch lifted: the other pans, and lifting it is no tap.
      const q = [...pts.values()][0];
      gesture = { kind: 'pan', start: q, x: z.x, y: z.y, trail: [], noTap: true };
      return;
    }
    if (pts.size > 1) return;
    gesture = null;
    lb.classList.remove('moving');
    track(g, p, e.timeStamp);
    const dx = p.x - g.start.x, dy = p.y - g.start.y, v = velocity(g);
    if (g.kind === 'swipe') {
      // Far enough (a fifth of the screen) or fast enough (a flick) in the direction of travel.
      if ((dx < -W() / 5 || v.x < -0.35) && dx < 0) go(1, true);
      else if ((dx > W() / 5 || v.x > 0.35) && dx > 0) go(-1, true);
      else glide(strip, 'translateX(0px)', 200);
    } else if (g.kind === 'drag') {
      if (Math.abs(dy) > H() / 6 || (Math.abs(v.y) > 0.5 && Math.sign(v.y) === Math.sign(dy))) leave();
      else { glide(cur.pose, 'translate(0px, 0px) scale(1)', 200); fade(+shade.style.opacity, 1, 200); }
    } else if ((g.kind === 'pending' || (g.kind === 'pan' && !g.noTap)) && !g.control && Math.hypot(dx, dy) < 12) tap(p, e.timeStamp);
    if (z.s <= 1.02 && g.kind === 'pinch') resetZoom(true);
  }
  function tap(p, t) {
    // Double-tap (or double-click): zoom to 2.5x (at most 1:1) at that point, or back to fit.
    if (lastTap && t - lastTap.t < 350 && Math.hypot(p.x - lastTap.x, p.y - lastTap.y) < 30) {
      lastTap = null;
      clearTimeout(tapTimer);
      if (z.s > 1) resetZoom(true); else zoomAt(2.5, p.x, p.y, true);
    } else {
      lastTap = { x: p.x, y: p.y, t };
      // A single tap shows or hides the bars, once it is clear that no second tap follows.
      clearTimeout(tapTimer);
      tapTimer = setTimeout(() => lb.classList.toggle('bare'), 300);
    }
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
