# The origins behind the cache in compose.yaml (mounted over origins.vcl): the two origin
# services, on this host's loopback ports 3001 and 3002. See origins.vcl for one origin.
backend origin_1 {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = ready;
}

backend origin_2 {
    .host = "127.0.0.1";
    .port = "3002";
    .probe = ready;
}

sub vcl_init {
    new origins = directors.round_robin();
    origins.add_backend(origin_1);
    origins.add_backend(origin_2);
}
