//! Serving the application over HTTP/1.1 with hyper's connection builder
//! rather than `axum::serve`, which cannot set hyper's header read timeout:
//! a client that opens connections and never finishes a request head
//! (slowloris) would hold each of them open for ever. With the timeout, such
//! a connection, or a kept-alive one that sends nothing, is closed after
//! `Limits::header_read_timeout`.

use std::{future::Future, io, time::Duration};

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    service::TowerToHyperService,
};
use tokio::{net::TcpListener, sync::watch, task::JoinSet};

use super::Limits;

/// Serves `app` on `listener` until `shutdown` completes, then lets requests
/// in flight finish (as `axum::serve(…).with_graceful_shutdown`).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let (stop, stopping) = watch::channel(());
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) if is_connection_error(&error) => continue,
                Err(error) => {
                    // Out of file descriptors, most likely: wait, do not spin.
                    tracing::error!(%error, "accepting a connection");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let mut builder = http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(
            (!limits.header_read_timeout.is_zero()).then_some(limits.header_read_timeout),
        );
        let service = TowerToHyperService::new(app.clone());
        let mut stopping = stopping.clone();
        connections.spawn(async move {
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            let result = tokio::select! {
                result = connection.as_mut() => result,
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(error) = result {
                tracing::debug!(%error, "connection closed");
            }
        });
        // Forget the connections that have ended.
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stop.send(());
    while connections.join_next().await.is_some() {}
    Ok(())
}

/// Errors of one connection, not of the listener (as `axum::serve` sorts them).
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
