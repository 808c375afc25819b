//! A minimal Server-Sent Events reader: enough to follow a meeting's board.

use futures_util::StreamExt;

/// A board connected to a meeting's event stream.
pub struct Board {
    response: reqwest::Response,
}

impl Board {
    /// Connects to an event stream.
    pub async fn connect(client: &reqwest::Client, url: &str) -> Result<Board, reqwest::Error> {
        let response = client
            .get(url)
            .header("accept", "text/event-stream")
            .timeout(std::time::Duration::from_secs(24 * 3600))
            .send()
            .await?
            .error_for_status()?;
        Ok(Board { response })
    }

    /// Reads events until the stream ends, calling `seen(seq, kind)` for each.
    pub async fn forward(self, mut seen: impl FnMut(u64, &str) + Send) {
        let mut parser = Parser::default();
        let mut chunks = self.response.bytes_stream();
        while let Some(Ok(chunk)) = chunks.next().await {
            for (seq, kind) in parser.feed(&chunk) {
                seen(seq, &kind);
            }
        }
    }
}

/// Splits a byte stream into events: `(id, event kind)` of each complete message.
#[derive(Debug, Default)]
pub struct Parser {
    buffer: Vec<u8>,
}

impl Parser {
    /// Feeds bytes; answers the events completed by them.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<(u64, String)> {
        self.buffer.extend_from_slice(bytes);
        let mut events = Vec::new();
        while let Some(end) = find_blank_line(&self.buffer) {
            let message: Vec<u8> = self.buffer.drain(..end + 2).collect();
            let text = String::from_utf8_lossy(&message);
            let mut id = None;
            let mut kind = String::from("message");
            for line in text.lines() {
                if let Some(value) = line.strip_prefix("id:") {
                    id = value.trim().parse::<u64>().ok();
                } else if let Some(value) = line.strip_prefix("event:") {
                    kind = value.trim().to_owned();
                }
            }
            if let Some(id) = id {
                events.push((id, kind));
            }
        }
        events
    }
}

fn find_blank_line(buffer: &[u8]) -> Option<usize> {
    buffer.windows(2).position(|pair| pair == b"\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_across_chunks_are_read_once_complete() {
        let mut parser = Parser::default();
        assert!(
            parser
                .feed(b"id: 4\nevent: vote_cast\ndata: {}\n")
                .is_empty()
        );
        assert_eq!(
            parser.feed(b"\n: keep-alive\n\nid: 5\nevent: vote_taken\ndata: {}\n\n"),
            vec![(4, "vote_cast".to_owned()), (5, "vote_taken".to_owned())]
        );
    }
}
