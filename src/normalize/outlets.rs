//! The outlet registry. (Being written.)

/// A news outlet or agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// Canonical name, as the outlet writes itself ("VIVA.co.id", "Reuters").
    pub name: String,
    /// Home page.
    pub url: Option<String>,
    /// Other spellings that mean this outlet ("VIVA", "viva.co.id").
    pub aliases: Vec<String>,
}

/// Outlets known by name.
#[derive(Debug, Clone, Default)]
pub struct Outlets {
    outlets: Vec<Outlet>,
}

impl Outlets {
    /// The built-in registry.
    pub fn builtin() -> Outlets {
        Outlets::default()
    }

    /// Adds or overrides an outlet.
    pub fn add(&mut self, outlet: Outlet) {
        self.outlets.push(outlet);
    }

    /// The outlet a name means, by canonical name or alias, ignoring case.
    pub fn resolve(&self, name: &str) -> Option<&Outlet> {
        self.outlets
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(name))
    }
}
