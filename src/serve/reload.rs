//! Live reload: every served HTML page gets one small script that opens a WebSocket to
//! [`PATH`]; the server sends the build generation at once and after every rebuild, and the
//! page reloads when the value differs from the first one it saw. WebSockets do not count
//! against the browser's six HTTP connections per host, so any number of tabs stay live.

use super::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State as Shared;
use axum::response::Response;
use std::sync::Arc;

/// Where pages connect for reload messages.
pub const PATH: &str = "/__studyguide/livereload";

/// The script each served page gets (and only served pages: builds never contain it).
const SCRIPT: &str = "<script>(function(){var seen=null;function connect(){var s=new WebSocket((location.protocol===\"https:\"?\"wss://\":\"ws://\")+location.host+\"/__studyguide/livereload\");s.onmessage=function(e){if(seen===null){seen=e.data;return}if(e.data!==seen)location.reload()};s.onclose=function(){setTimeout(connect,1000)}}connect()})();</script>";

/// `html` with the reload script (and `extra`, e.g. the error overlay) before `</body>`. The
/// one place where served pages differ from built ones.
pub fn with_reload(html: &[u8], extra: &str, reload: bool) -> Vec<u8> {
    let mut insert = String::from(extra);
    if reload {
        insert.push_str(SCRIPT);
    }
    if insert.is_empty() {
        return html.to_vec();
    }
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + insert.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(insert.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Upgrades the request and sends `instance-generation` now and after every rebuild, until
/// the page goes away.
pub(super) async fn socket(ws: WebSocketUpgrade, Shared(state): Shared<Arc<State>>) -> Response {
    ws.on_upgrade(move |socket| announce(socket, state))
}

async fn announce(mut socket: WebSocket, state: Arc<State>) {
    let mut generation = state.generation.subscribe();
    loop {
        let message = format!("{}-{}", state.instance, *generation.borrow_and_update());
        if socket.send(Message::Text(message.into())).await.is_err() {
            return;
        }
        // Wait for the next build; anything the page sends is read only to notice it leaving.
        loop {
            tokio::select! {
                changed = generation.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    break;
                }
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                    Some(Ok(_)) => {}
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end_once() {
        let page = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(with_reload(page, "<i>e</i>", true)).unwrap();
        assert_eq!(out.matches("<script>").count(), 1);
        assert!(out.ends_with(&format!("<i>e</i>{SCRIPT}</body></html>")));
        assert_eq!(with_reload(page, "", false), page.to_vec());
        let no_body = String::from_utf8(with_reload(b"plain", "", true)).unwrap();
        assert_eq!(no_body, format!("plain{SCRIPT}"));
    }
}
