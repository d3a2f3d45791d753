#ifndef KYODO_CSQLITE_SHIM_H
#define KYODO_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline int kyodo_sqlite3_bind_text(sqlite3_stmt *stmt, int index, const char *text, int length) {
    return sqlite3_bind_text(stmt, index, text, length, SQLITE_TRANSIENT);
}

static inline int kyodo_sqlite3_bind_blob(sqlite3_stmt *stmt, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(stmt, index, bytes, length, SQLITE_TRANSIENT);
}
// Statements run by the calling thread, for the per-request statement count in tests (a list page
// must run the same number of queries whatever its length). A function-local thread-local, called
// only from SQLite's StatementCounter.swift, so there is one copy.
static inline unsigned long *kyodo_statement_count(void) {
    static __thread unsigned long count = 0;
    return &count;
}
#endif
