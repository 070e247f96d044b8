namespace GhostRoll.Appliance.Web;

/// <summary>
/// The dashboard at <c>http://IP/</c>: one static page that reads status.json every 2 seconds (live progress
/// without a reload) and sessions.json every 10. Text is set with textContent and links are only ever http(s) URLs the
/// appliance made, so nothing from a card (volume labels, error text) can inject markup.
/// </summary>
internal static class DashboardPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>GhostRoll</title>
        <style>
        body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:48rem;padding:1rem;color:#111;background:#fafafa}
        h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
        .card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem}
        progress{width:100%;height:1rem}table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #eee}
        .err{color:#a00}.muted{color:#666;font-size:.9rem}
        </style></head>
        <body>
        <h1>GhostRoll</h1>
        <div class="card" id="status">
          <div><strong id="state">…</strong> <span id="step"></span></div>
          <div id="message" class="muted"></div>
          <progress id="progress" max="1" value="0" hidden></progress>
          <div id="counts"></div>
          <div id="battery" class="muted"></div>
          <div id="space" class="muted"></div>
          <div id="link"></div>
        </div>
        <h2>Sessions</h2>
        <table><thead><tr><th>Session</th><th>State</th><th>Gallery</th></tr></thead><tbody id="sessions"></tbody></table>
        <h2>Last errors</h2>
        <ul id="errors"><li class="muted">none</li></ul>
        <p class="muted" id="updated"></p>
        <script>
        "use strict";
        const $ = id => document.getElementById(id);
        const safe = u => typeof u === "string" && /^https?:\/\//.test(u) ? u : null;
        function link(url, text) { const a = document.createElement("a"); a.href = url; a.textContent = text; return a; }
        async function json(name) { const r = await fetch(name, { cache: "no-store" }); if (!r.ok) throw new Error(name + ": HTTP " + r.status); return r.json(); }
        function showStatus(s) {
          $("state").textContent = s.state || "idle";
          $("step").textContent = s.step ? "· " + s.step : "";
          $("message").textContent = s.message || "";
          const p = $("progress");
          if (typeof s.overall_progress === "number") { p.hidden = false; p.value = s.overall_progress; } else { p.hidden = true; }
          const c = s.counts || {};
          $("counts").textContent = c.copied_total ? `${c.copied_done} of ${c.copied_total} copied · ${c.processed_done || 0} of ${c.processed_total || 0} processed` + (c.failed ? ` · ${c.failed} failed` : "") : "";
          $("battery").textContent = typeof s.battery_percentage === "number" ? `Battery ${Math.round(s.battery_percentage)} %` + (s.battery_charging ? " (charging)" : "") : "";
          $("space").textContent = typeof s.free_bytes === "number" ? `Free space ${(s.free_bytes / 1e9).toFixed(1)} GB` : "";
          const l = $("link"); l.replaceChildren();
          const u = safe(s.lan_url) || safe(s.url);
          if (u) l.append("Gallery: ", link(u, u));
          if (s.last_error) { const e = document.createElement("div"); e.className = "err"; e.textContent = s.last_error; l.append(e); }
        }
        function showSessions(d) {
          const body = $("sessions"); body.replaceChildren();
          for (const s of d.sessions || []) {
            const tr = document.createElement("tr");
            const id = document.createElement("td"); id.textContent = s.id;
            const st = document.createElement("td"); st.textContent = s.state;
            const g = document.createElement("td"); const u = safe(s.lan_url);
            if (u) g.append(link(u, "open")); else g.textContent = d.lan_sharing ? "not shared" : "LAN sharing off";
            tr.append(id, st, g); body.append(tr);
          }
          const errors = $("errors"); errors.replaceChildren();
          for (const e of d.errors || []) { const li = document.createElement("li"); li.className = "err"; li.textContent = e; errors.append(li); }
          if (!errors.children.length) { const li = document.createElement("li"); li.className = "muted"; li.textContent = "none"; errors.append(li); }
        }
        // Progress every 2 s; the session list changes once per import, every 10 s is enough (and keeps the polling
        // under the server's rate limit of 40 requests a minute).
        let tick = 0;
        async function poll() {
          try { showStatus(await json("status.json")); } catch (e) { $("message").textContent = String(e.message || e); }
          if (tick++ % 5 === 0) { try { showSessions(await json("sessions.json")); } catch (e) { } }
          $("updated").textContent = "Updated " + new Date().toLocaleTimeString();
        }
        poll(); setInterval(poll, 2000);
        </script>
        </body></html>
        """;
}
