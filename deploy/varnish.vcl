# Varnish in front of one or more origins (`npm start`), obeying the site's own Cache-Control
# (src/http/caching.ts): pages for s-maxage, served stale while revalidating, and for as long
# as stale-if-error says while the origins are down. No lifetime is decided here.
#
#   varnishd -F -a :80 -f "$PWD/deploy/varnish.vcl" -s malloc,256m
#
# The origins are listed in origins.vcl, next to this file (one, on 127.0.0.1:3000, as it
# comes): list several there to run several behind this one cache.
vcl 4.1;

import std;
import directors;

# An origin is taken out of rotation when /readyz fails (it answers 503 while draining before
# a shutdown), and put back when it answers again.
probe ready {
    .url = "/readyz";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

include "./origins.vcl";

sub vcl_recv {
    set req.backend_hint = origins.backend();
    # Headers this configuration uses for itself, never taken from a client.
    if (req.restarts == 0) {
        unset req.http.X-Fetch-Now;
        unset req.http.X-Accept-Encoding;
    }
    # The staff area signs people in: its requests keep their cookie and go straight to an
    # origin, and its answers are never cached (they are no-store too).
    if (req.url ~ "^/staff(/|\?|$)") {
        return (pass);
    }
    # The public site sets no cookies and reads none: a cookie for another part of the domain
    # must not make every page uncacheable.
    unset req.http.Cookie;
    unset req.http.Authorization;
    # Forms (the feedback POSTs) always reach an origin and are never cached (issue 23); the
    # thank-you page they redirect to is a GET, cached like any page.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # One cached copy per encoding the origin makes (brotli, gzip, none), not one per
    # browser's way of writing Accept-Encoding.
    if (req.http.Accept-Encoding ~ "\bbr\b") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    if (req.http.Accept-Encoding) {
        set req.http.X-Accept-Encoding = req.http.Accept-Encoding;
    }
    # Past even the stale-while-revalidate window while an origin is up (see vcl_hit): fetch
    # the page now rather than serve the stale copy.
    if (req.http.X-Fetch-Now) {
        unset req.http.X-Fetch-Now;
        set req.grace = 0s;
    }
}

sub vcl_hash {
    # One copy per encoding. After vcl_recv Varnish rewrites Accept-Encoding to gzip or nothing
    # (it expects to make gzip itself) and matches Vary on that, which would hand brotli to a
    # client that cannot read it: the normalised copy kept in X-Accept-Encoding decides.
    hash_data(req.http.X-Accept-Encoding);
}

sub vcl_hit {
    # A stale copy is served, and fetched again meanwhile, for as long as the origin's
    # stale-while-revalidate allows; beyond that only while no origin is healthy (the copy's
    # grace is then stale-if-error).
    if (obj.ttl < 0s && std.healthy(req.backend_hint) &&
        obj.ttl + std.duration(obj.http.X-Stale-While-Revalidate, 0s) < 0s && req.restarts == 0) {
        set req.http.X-Fetch-Now = "1";
        return (restart);
    }
}

sub vcl_backend_fetch {
    # Varnish asks the origin for gzip on its own (http_gzip_support): ask for what the
    # client takes, as normalised above, so the brotli and plain copies are the origin's own.
    if (bereq.http.X-Accept-Encoding) {
        set bereq.http.Accept-Encoding = bereq.http.X-Accept-Encoding;
    } else {
        unset bereq.http.Accept-Encoding;
    }
    unset bereq.http.X-Accept-Encoding;
}

sub vcl_backend_error {
    # An origin that refused or dropped the connection (stopped, restarting, crashed) before
    # the probe noticed: a GET or HEAD changes nothing, so ask the next origin (round-robin).
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_backend_response {
    # An origin failing while a stale copy exists: keep serving that copy.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # The copy's grace is stale-if-error, the longer of the two stale windows; vcl_hit keeps
    # to stale-while-revalidate while an origin is up.
    set beresp.http.X-Stale-While-Revalidate = "0s";
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.http.X-Stale-While-Revalidate = regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1s");
    }
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s);
    }
    # Kept a while longer, so that an expired copy is revalidated with its ETag (a 304).
    set beresp.keep = 1h;
}

sub vcl_deliver {
    unset resp.http.X-Stale-While-Revalidate;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
