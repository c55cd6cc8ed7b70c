#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call. With memory statistics on (SQLite's
   default), every allocation SQLite makes takes a process-wide mutex to count it; Zhifa reads no
   such statistics and sets no heap limit. Must run before SQLite initializes: afterwards it does
   nothing and returns SQLITE_MISUSE. */
static inline int zhifa_sqlite3_stop_counting_memory(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
