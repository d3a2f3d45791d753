#ifndef KYODO_CTLS_SHIM_H
#define KYODO_CTLS_SHIM_H
// OpenSSL's TLS client, for STARTTLS to the mail server only. Swift cannot call OpenSSL's
// function-like macros, so the two we need are wrapped here.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

static inline long kyodo_tls_set_server_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline int kyodo_tls_set_min_version(SSL_CTX *ctx) {
    return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}
#endif
