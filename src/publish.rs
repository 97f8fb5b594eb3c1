//! Publishing. (Being written.)
