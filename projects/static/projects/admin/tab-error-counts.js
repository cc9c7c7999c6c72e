// Wagtail's tab badges count a tab's errors once, as the editor loads. StreamField draws its blocks, and
// their errors, in the browser after that, so a tab whose only errors are in blocks showed no badge, and
// one with errors in rows and blocks showed only the rows'. Count again whenever an error appears or goes.
(() => {
  const ERROR = '.error-message, .help-critical';

  const recount = () => {
    const app = window.wagtail && window.wagtail.app;
    if (!app) return;
    document.querySelectorAll('.w-tabs__errors[data-controller~="w-count"]').forEach((badge) => {
      const counter = app.getControllerForElementAndIdentifier(badge, 'w-count');
      if (counter) counter.count();
    });
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(() => {
      scheduled = false;
      recount();
    });
  };

  const touchesErrors = (node) =>
    node instanceof Element && (node.matches(ERROR) || node.querySelector(ERROR) !== null);

  const watch = () => {
    new MutationObserver((mutations) => {
      const changed = mutations.some(
        (mutation) =>
          (mutation.type === 'attributes' && touchesErrors(mutation.target)) ||
          [...mutation.addedNodes, ...mutation.removedNodes].some(touchesErrors),
      );
      if (changed) schedule();
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
    schedule();
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watch);
  } else {
    watch();
  }
})();
