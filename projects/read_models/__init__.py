"""The read models: everything Kronika derives from content, kept true by one flow.

What is derived: the API cache generation (``generation``), the change log partners sync from
(``change_log``), the stored translation states (``translation_states``) and, through listeners
registered here, the API's page snapshots and CDN purges (projects.api.read_model_listeners), the
search documents (projects.search.signal_handlers) and the webhook events (projects.webhooks.events).

The flow of a change, once:

1. ``receivers`` listen to their senders only (page models and their inline rows, Kronika's
   snippets, images, documents and responsive renditions, page and collection restrictions, sites,
   locales, wagtail-localize's translation models) and describe what happened as a ``Change``,
   with whether partners can see it. A draft, a lock or a revision saved, a page not live, a
   person who stays hidden, an admin thumbnail: not visible, or not even received.
2. ``record(change)`` is the one entry point, called in the writer's transaction. It makes the
   translation states the change touched stale (they are computed again after commit), and for a
   visible change only, in order:
   a. the listeners registered with ``register(listener)`` (snapshots, search documents) do their
      work, taking no lock;
   b. the change log records what the change means to partners; it takes the change-order lock
      (``lock``) right before it reads what partners were last told, and holds it to the commit, so
      entry ids become visible in the order partners read them;
   c. listeners that need the entries (webhook events, CDN purges) queue their work for after commit;
   d. the generation is bumped, in the database under the same lock and, after commit, in the cache.
   So a publish takes the lock at its first visible step, the page's own save inside Wagtail's
   publish (after the revision is made and the page built from it), and holds it through the page's
   rows, the page_published receivers and the commit.
3. After commit: translation states and page snapshots are built again under the builders' lock
   (a lock of their own, never held by a writer's transaction), then the queued webhooks and purges go.

A change partners cannot see takes no lock and bumps nothing, so it changes no ETag or Last-Modified.
"""

from .change import Change, Kind
from .entry import record, register

__all__ = ["Change", "Kind", "record", "register"]
