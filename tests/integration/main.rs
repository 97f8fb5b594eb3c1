//! kabar's integration tests: the binary, run as a user runs it, on small fixtures.

mod build;
mod cli;
mod feeds;
mod hostile;
mod normalize;
mod publish;
mod roundtrip;
mod serve;
mod util;
