//! The command line. (Being written.)
