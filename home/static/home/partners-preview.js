/* The demo partner's preview page: reads the draft named by ?token= from Kronika's preview endpoint. */
(function () {
  "use strict";
  var main = document.getElementById("preview");
  var status = document.getElementById("preview-status");
  var token = new URLSearchParams(window.location.search).get("token");

  function add(tag, text, id) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (id) node.id = id;
    main.appendChild(node);
    return node;
  }

  function plainText(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
  }

  if (!token) {
    status.textContent = "No token: open this page from the preview in Kronika's admin.";
    return;
  }
  fetch(main.dataset.endpoint + "?token=" + encodeURIComponent(token), { credentials: "omit" })
    .then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.message || "The preview cannot be read.");
        return data;
      });
    })
    .then(function (page) {
      status.remove();
      add("p", page.meta.type + " · " + page.meta.locale, "preview-type");
      add("h1", page.title, "preview-title");
      if (page.event_date) add("p", page.event_date + (page.city ? " · " + page.city : ""), "preview-when");
      if (page.summary) add("p", page.summary, "preview-summary");
      (page.body || []).forEach(function (block) {
        if (block.type === "paragraph") add("p", plainText(block.value)).className = "preview-paragraph";
      });
      main.dataset.state = "ready";
    })
    .catch(function (error) {
      status.textContent = error.message;
      main.dataset.state = "failed";
    });
})();
