//! uniapp (in progress).

use super::discover::InputFile;
use super::projects::{ProjectOptions, Read};

/// Reads the uniapp projects among `files`.
pub fn read_projects(files: Vec<InputFile>, _: &ProjectOptions) -> Read {
    (Vec::new(), Vec::new(), files)
}
