//! Runs. (Being written.)
