//! A process's CPU time, read from `/proc/PID/stat` (Linux): what a vote costs the server
//! and the load generator, a figure that moves less than a rate when other work shares the
//! machine.

/// Clock ticks per second in `/proc/PID/stat`: Linux reports them in `USER_HZ`, which is
/// 100 on every architecture it exports to user space (`sysconf(_SC_CLK_TCK)`).
const TICKS_PER_SECOND: f64 = 100.0;

/// User plus system CPU time of every thread of a process so far, in seconds, if `/proc`
/// tells it.
pub fn of_process(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse(&stat)
}

/// CPU time of this process so far, in seconds.
pub fn of_this_process() -> Option<f64> {
    of_process(std::process::id())
}

/// Reads `utime` and `stime` (fields 14 and 15) from the text of a `/proc/PID/stat` file.
/// The command name (field 2) is in parentheses and may hold spaces or parentheses itself,
/// so fields are counted from the last `)`.
pub fn parse(stat: &str) -> Option<f64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    // After the name: field 3 (state) is the first, so utime (14) is the 12th.
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / TICKS_PER_SECOND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_user_and_system_time_after_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (tokio (rt) worker) S 1 4242 4242 0 -1 4194560 500 0 0 0 \
                    250 130 0 0 20 0 4 0 100 1000000 200 18446744073709551615";
        assert_eq!(parse(stat), Some(3.8));
        assert_eq!(parse("4242 (council) S 1"), None);
        assert_eq!(parse("no name here"), None);
    }

    #[test]
    fn this_process_spends_cpu_time_when_it_works() {
        let before = of_this_process().expect("linux /proc");
        let mut x = 0u64;
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_millis(100) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let after = of_this_process().expect("linux /proc");
        assert!(after > before, "{before} -> {after}");
    }
}
