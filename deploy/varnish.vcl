# Varnish in front of one or more origins (`npm start`), obeying the site's own Cache-Control
# (src/http/caching.ts): pages for s-maxage, served stale while revalidating, and for as long
# as stale-if-error says while the origins are down. No lifetime is decided here.
#
#   varnishd -F -a :80 -f "$PWD/deploy/varnish.vcl" -I "$PWD/deploy/varnish-limits.cli" \
#     -s pages=malloc,256m -s junk=malloc,64m
#
# Two stores, both named below (Varnish would otherwise take turns between them): `pages`
# holds the site's own pages and files; `junk` holds answers whose addresses anyone can
# invent (404s, redirects, anything with a query string), so that however many of those are
# asked for, they only push each other out, never a page the cache must still have when the
# origins are down.
#
# varnish-limits.cli (run by -I; it cannot hold comments) sets what VCL cannot: the largest
# request head Varnish accepts (http_req_size, 12 kB) is 4 kB below the origins' limit
# (maxHeaderSize in src/http/limits.ts, 16 kB), which leaves room for the headers Varnish
# adds (X-Forwarded-For, Via, X-Varnish). A larger request is refused here: one the origins
# would refuse never reaches them, so its refusal never replaces a page in the cache.
# test/deploy/varnish-attack.test.ts checks both numbers and both stores.
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
        unset req.http.X-Stale-Copy;
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
    # browser's way of writing Accept-Encoding. An encoding given `q=0` is one the client
    # refuses (RFC 9110 §12.5.3): `gzip, br;q=0` gets gzip.
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(;|,|$)" &&
        req.http.Accept-Encoding !~ "(?i)(^|,)\s*br\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*gzip\s*(;|,|$)" &&
        req.http.Accept-Encoding !~ "(?i)(^|,)\s*gzip\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
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
        # A stale copy exists: vcl_backend_response keeps it if this fetch fails.
        set req.http.X-Stale-Copy = "1";
    }
}

sub vcl_hash {
    # One copy per address and encoding. After vcl_recv Varnish rewrites Accept-Encoding to
    # gzip or nothing (it expects to make gzip itself) and matches Vary on that, which would
    # hand brotli to a client that cannot read it: the normalised copy kept in
    # X-Accept-Encoding decides. The Host is left out: the origins answer the same whatever
    # it says (they never repeat it back), and with it every invented name would be a new
    # copy of every page.
    hash_data(req.url);
    hash_data(req.http.X-Accept-Encoding);
    return (lookup);
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
    # An error while a stale copy exists (fetching it again in the background, or now, past
    # stale-while-revalidate) never replaces that copy: an origin failing, or refusing one
    # odd request (a 4xx about that request alone), would otherwise leave nothing to serve
    # when the origins go down. Only a 404 says the page itself is gone.
    if (beresp.status >= 400 && beresp.status != 404 && (bereq.is_bgfetch || bereq.http.X-Stale-Copy)) {
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
    # Anything but a page at an address of the site's own (a 404, a redirect, an answer to a
    # query string) goes in the store of its own: see the top of this file. (Answers that
    # may not be stored go to Varnish's own Transient store whatever this says.)
    if (beresp.status == 200 && bereq.url !~ "\?") {
        set beresp.storage = storage.pages;
    } else {
        set beresp.storage = storage.junk;
    }
}

sub vcl_synth {
    # A fetch abandoned above, in front of this client: the stale copy is still there, so
    # look it up again within its own grace (req.grace only ever shortens a copy's grace, and
    # vcl_recv had set it to 0s), and vcl_hit delivers it (it fetches nothing once restarted).
    if (resp.status == 503 && req.http.X-Stale-Copy) {
        unset req.http.X-Stale-Copy;
        set req.grace = 3650d;
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.X-Stale-While-Revalidate;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
