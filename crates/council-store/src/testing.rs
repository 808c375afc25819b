//! Fresh PostgreSQL databases for tests (feature `testing`): [`TestDatabase`] creates a
//! database of its own on the server named by `COUNCIL_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) and drops it when dropped. A server that
//! cannot be reached fails the test with what to do: PostgreSQL tests are never skipped.

/// The admin URL of the PostgreSQL server the tests run on, from `COUNCIL_TEST_PG`.
pub fn admin_url() -> String {
    std::env::var("COUNCIL_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// The URL of database `database` on the server of `admin`: the admin URL with its last
/// path segment replaced, keeping any query string.
fn database_url(admin: &str, database: &str) -> String {
    let (base, query) = admin.split_once('?').unwrap_or((admin, ""));
    let (scheme, rest) = base.split_once("://").unwrap_or(("postgres", base));
    let host = rest.split_once('/').map_or(rest, |(host, _)| host);
    let server = format!("{scheme}://{host}");
    if query.is_empty() {
        format!("{server}/{database}")
    } else {
        format!("{server}/{database}?{query}")
    }
}

/// A connection to the admin database; a server that cannot be reached fails the test with
/// what to do, since the PostgreSQL tests are never skipped.
async fn admin_connection() -> sqlx::PgConnection {
    use sqlx::Connection;
    let admin = admin_url();
    match sqlx::PgConnection::connect(&admin).await {
        Ok(connection) => connection,
        Err(error) => panic!(
            "PostgreSQL is not reachable at {}: {error}\n\
             The PostgreSQL tests need a server and are never skipped. Either:\n\
             - run `.ci/run`, which installs and starts one where none answers on 127.0.0.1:5432;\n\
             - start one yourself (Debian: `apt-get install postgresql && pg_ctlcluster 15 main start`) \
             and let user `postgres` in over TCP from 127.0.0.1 (`trust` in pg_hba.conf);\n\
             - or set COUNCIL_TEST_PG to an admin URL, postgres://USER:PASSWORD@HOST:PORT/postgres, \
             of a role that may create databases",
            crate::postgres::without_password(&admin)
        ),
    }
}

/// A fresh PostgreSQL database of its own for one test, created on the server of
/// [`admin_url`] and dropped (with any connection left to it) when the backend is dropped.
pub struct TestDatabase {
    database: String,
    url: String,
}

impl TestDatabase {
    /// Creates a fresh database.
    pub async fn new() -> TestDatabase {
        use std::hash::{BuildHasher, RandomState};
        use std::sync::atomic::{AtomicU64, Ordering};
        static N_DATABASES: AtomicU64 = AtomicU64::new(0);
        let n = N_DATABASES.fetch_add(1, Ordering::Relaxed);
        // RandomState is seeded randomly per process: no two runs share a name.
        let random = RandomState::new().hash_one(n);
        let database = format!("council_test_{}_{n}_{random:016x}", std::process::id());
        let mut admin = admin_connection().await;
        sqlx::query(&format!("CREATE DATABASE {database}"))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|error| panic!("cannot create the test database {database}: {error}"));
        TestDatabase {
            url: database_url(&admin_url(), &database),
            database,
        }
    }

    /// Its URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A connection to the database that bypasses the store, as its owner could open one.
    pub async fn raw(&self) -> sqlx::PgConnection {
        use sqlx::Connection;
        sqlx::PgConnection::connect(&self.url)
            .await
            .expect("a raw connection to the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let database = self.database.clone();
        // Drop runs inside the test's runtime, which cannot block on a future: the database
        // is dropped from a thread with a runtime of its own.
        let dropped = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime to drop the test database")
                .block_on(async {
                    let mut admin = admin_connection().await;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                        .execute(&mut admin)
                        .await
                })
        })
        .join();
        if !std::thread::panicking() {
            dropped
                .expect("the thread dropping the test database")
                .expect("the test database is dropped");
        }
    }
}
