//! A process's resident memory, read from `/proc/PID/status` (Linux).

/// Resident memory of a process, in KiB: now and at its peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Memory {
    /// `VmRSS`: resident now.
    pub rss_kib: u64,
    /// `VmHWM`: the peak resident size.
    pub peak_kib: u64,
}

/// The memory of a process, if `/proc` tells it.
pub fn of_process(pid: u32) -> Option<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    parse(&status)
}

/// Reads `VmRSS` and `VmHWM` from the text of a `/proc/PID/status` file.
pub fn parse(status: &str) -> Option<Memory> {
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
    };
    Some(Memory {
        rss_kib: field("VmRSS:")?,
        peak_kib: field("VmHWM:")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_resident_and_peak_memory_from_proc_status() {
        let status = "Name:\tcouncil\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n";
        assert_eq!(
            parse(status),
            Some(Memory {
                rss_kib: 102400,
                peak_kib: 204800
            })
        );
        assert_eq!(parse("Name: x\n"), None);
    }

    #[test]
    fn this_process_has_a_resident_size() {
        let memory = of_process(std::process::id()).expect("linux /proc");
        assert!(memory.rss_kib > 0 && memory.peak_kib >= memory.rss_kib);
    }
}
