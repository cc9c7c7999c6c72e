/*
 * Kronika reports widget: the latest event reports of a Kronika site, for a partner's page.
 *
 *   <div data-kronika-reports data-language="en" data-project="12" data-limit="4" data-layout="grid">
 *     <a href="https://kronika.example.org/en/">Our event reports</a>
 *   </div>
 *   <script src="https://kronika.example.org/static/projects/widget/kronika-reports.js" defer></script>
 *
 * Attributes: data-language (pl, en, …), data-project or data-program (page id, any language),
 * data-limit (1-20, default 3), data-layout ("list" or "grid"), data-api (the Kronika site; default:
 * where this script comes from), data-heading (an optional heading). The element's own content is the
 * fallback: it shows without JavaScript and comes back when the API cannot be read.
 * No dependencies and no build step; styles live in a shadow root, so the host page's CSS and this one's
 * leave each other alone. It injects no inline script or style attribute (fine under a strict CSP).
 */
(function () {
  "use strict";

  var FIELDS = "summary,hero_image,event_date,event_end_date,city,region,venue";
  var MAX_LIMIT = 20;
  var SCRIPT_ORIGIN = (function () {
    var script = document.currentScript;
    try {
      return script && script.src ? new URL(script.src, document.baseURI).origin : window.location.origin;
    } catch (error) {
      return window.location.origin;
    }
  })();
  var NO_REPORTS = {
    pl: "Brak relacji.",
    en: "No reports yet.",
    uk: "Звітів поки немає.",
    de: "Noch keine Berichte.",
  };
  var STYLES =
    ":host{display:block;font:inherit;color:inherit;container-type:inline-size}" +
    ".kr-heading{font-size:1.25em;margin:0 0 .75em}" +
    ".kr-list{list-style:none;margin:0;padding:0;display:grid;gap:1.25em}" +
    ".kr-grid .kr-list{grid-template-columns:repeat(auto-fill,minmax(14em,1fr))}" +
    ".kr-report{display:flex;flex-direction:column;gap:.4em;margin:0}" +
    ".kr-list-layout .kr-report{flex-direction:row;align-items:flex-start}" +
    ".kr-list-layout .kr-media{flex:0 0 9em}" +
    ".kr-media img{display:block;width:100%;height:auto;aspect-ratio:3/2;object-fit:cover;border-radius:4px}" +
    ".kr-title{font-size:1.05em;margin:0;line-height:1.3}" +
    ".kr-title a{color:inherit;text-decoration:underline;text-underline-offset:.15em}" +
    ".kr-title a:hover{text-decoration-thickness:2px}" +
    ".kr-title a:focus-visible{outline:3px solid #c8102e;outline-offset:2px;border-radius:2px}" +
    ".kr-meta{margin:0;font-size:.9em;opacity:.8}" +
    ".kr-summary{margin:0;font-size:.95em}" +
    ".kr-empty{margin:0}";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function positiveId(value) {
    return /^[1-9][0-9]*$/.test(value || "") ? value : null;
  }

  function settings(host) {
    var data = host.dataset;
    var limit = parseInt(data.limit || "3", 10);
    return {
      api: (data.api || SCRIPT_ORIGIN).replace(/\/+$/, ""),
      language: /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(data.language || "") ? data.language : "pl",
      project: positiveId(data.project),
      program: positiveId(data.program),
      limit: isNaN(limit) ? 3 : Math.min(Math.max(limit, 1), MAX_LIMIT),
      layout: data.layout === "list" ? "list" : "grid",
      heading: data.heading || "",
    };
  }

  function listingUrl(options) {
    var params = new URLSearchParams({
      type: "projects.EventReportPage",
      locale: options.language,
      order: "-event_date",
      fields: FIELDS,
      limit: String(options.limit),
    });
    if (options.project) params.set("project", options.project);
    if (options.program) params.set("program", options.program);
    return options.api + "/api/v2/pages/?" + params.toString();
  }

  function formatDate(value, language) {
    if (!value) return "";
    var parts = value.split("-");
    var date = new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]));
    try {
      return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(date);
    } catch (error) {
      return value;
    }
  }

  function place(item) {
    return [item.venue, item.city, item.region].filter(Boolean).join(", ");
  }

  function picture(image) {
    var renditions = (image && image.renditions) || [];
    var originals = renditions.filter(function (r) { return r.format === "original"; });
    if (!originals.length) return null;
    var smallest = originals[0];
    var figure = element("div", "kr-media");
    var pictureNode = document.createElement("picture");
    if (image.srcset && image.srcset.webp) {
      var source = document.createElement("source");
      source.type = "image/webp";
      source.srcset = image.srcset.webp;
      source.sizes = "(min-width: 40em) 20em, 100vw";
      pictureNode.appendChild(source);
    }
    var img = document.createElement("img");
    img.src = smallest.url;
    img.srcset = image.srcset.original || "";
    img.sizes = "(min-width: 40em) 20em, 100vw";
    img.width = smallest.width;
    img.height = smallest.height;
    img.loading = "lazy";
    img.decoding = "async";
    // The title next to it says what the report is: an image without its own alt text is decorative.
    img.alt = image.alt || "";
    pictureNode.appendChild(img);
    figure.appendChild(pictureNode);
    return figure;
  }

  function report(item, language) {
    var article = element("article", "kr-report");
    var url = item.meta && item.meta.html_url;
    var media = picture(item.hero_image);
    if (media) article.appendChild(media);
    var text = element("div", "kr-text");
    var title = element("h3", "kr-title");
    if (url) {
      var link = element("a", "", item.title);
      link.href = url;
      title.appendChild(link);
    } else {
      title.textContent = item.title;
    }
    text.appendChild(title);
    var meta = element("p", "kr-meta");
    if (item.event_date) {
      var time = element("time", "", formatDate(item.event_date, language));
      time.dateTime = item.event_date;
      meta.appendChild(time);
    }
    var where = place(item);
    if (where) meta.appendChild(document.createTextNode((item.event_date ? " · " : "") + where));
    if (meta.childNodes.length) text.appendChild(meta);
    if (item.summary) text.appendChild(element("p", "kr-summary", item.summary));
    article.appendChild(text);
    return article;
  }

  function adoptStyles(root) {
    if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function") {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLES);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch (error) {
        /* fall through to a <style> element */
      }
    }
    root.appendChild(element("style", "", STYLES));
  }

  function showFallback(root) {
    // The host's own content (the fallback link) shows through the slot.
    root.replaceChildren(document.createElement("slot"));
  }

  function render(root, options, items) {
    var wrapper = element("section", "kr-widget kr-" + (options.layout === "list" ? "list-layout" : "grid"));
    wrapper.lang = options.language;
    if (options.heading) wrapper.appendChild(element("h2", "kr-heading", options.heading));
    if (!items.length) {
      wrapper.appendChild(element("p", "kr-empty", NO_REPORTS[options.language] || NO_REPORTS.en));
    } else {
      var list = element("ul", "kr-list");
      list.setAttribute("role", "list");
      items.forEach(function (item) {
        var entry = document.createElement("li");
        entry.appendChild(report(item, options.language));
        list.appendChild(entry);
      });
      wrapper.appendChild(list);
    }
    root.replaceChildren(wrapper);
    adoptStyles(root);
  }

  function mount(host) {
    if (host.shadowRoot || !host.attachShadow) return;
    var options = settings(host);
    var root = host.attachShadow({ mode: "open" });
    showFallback(root);
    host.setAttribute("aria-busy", "true");
    fetch(listingUrl(options), { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("Kronika API answered " + response.status);
        return response.json();
      })
      .then(function (data) {
        render(root, options, data.items || []);
        host.setAttribute("data-kronika-state", "ready");
      })
      .catch(function () {
        showFallback(root);
        host.setAttribute("data-kronika-state", "failed");
      })
      .finally(function () {
        host.removeAttribute("aria-busy");
      });
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-kronika-reports]"), mount);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
