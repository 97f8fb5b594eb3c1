//! Selection. (Being written.)
