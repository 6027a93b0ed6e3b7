# The origins behind the cache (see varnish.vcl): one `npm start` each. To run several, add
# a backend per origin and add each to the director.
backend origin_1 {
    .host = "127.0.0.1";
    .port = "3000";
    .probe = ready;
}

sub vcl_init {
    new origins = directors.round_robin();
    origins.add_backend(origin_1);
}
