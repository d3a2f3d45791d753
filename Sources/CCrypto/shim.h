#ifndef KYODO_CCRYPTO_SHIM_H
#define KYODO_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>
#endif
