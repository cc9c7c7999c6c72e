# Varnish in front of Kronika's gunicorn. Kronika sends PURGE for the API listings and the changed item's detail
# on every publication (Wagtail's frontend cache, FRONTEND_CACHE_URL=http://<this varnish>), and pages' own URLs.
# Everything else is Varnish's built-in behaviour: requests with cookies or an Authorization header (the admin,
# logged-in editors) pass through uncached, and answers are kept as long as their Cache-Control allows
# (the API: s-maxage=300).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8001";
}

# Who may purge: the application servers. List their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Purging is not allowed from " + client.ip));
        }
        return (purge);
    }
}
