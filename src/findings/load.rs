//! Findings over the stored graph: registers loaded in bulk, published
//! notices compared with their live compilation.

use std::collections::HashMap;

use entity::notice_version;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{Finding, Scenario, evaluate};
use crate::{
    domain::{
        enums::Language,
        view::{self, RegisterView, Registers},
    },
    notice,
};

/// Whether each register's latest published notice (in any language) differs
/// from what it compiles to now.
async fn stale<C: ConnectionTrait>(
    db: &C,
    views: &[RegisterView],
) -> Result<HashMap<i64, bool>, DbErr> {
    let ids: Vec<i64> = views.iter().map(|v| v.register.id).collect();
    let published = notice_version::Entity::find()
        .filter(notice_version::Column::RegisterId.is_in(ids))
        .all(db)
        .await?;
    let mut latest: HashMap<(i64, String), notice_version::Model> = HashMap::new();
    for version in published {
        let key = (version.register_id, version.language.clone());
        if latest
            .get(&key)
            .is_none_or(|known| known.number < version.number)
        {
            latest.insert(key, version);
        }
    }
    let mut out = HashMap::new();
    for view in views {
        let mut is_stale = false;
        for language in Language::ALL {
            if let Some(version) = latest.get(&(view.register.id, language.as_str().to_owned())) {
                let live = notice::compile(view, *language).map(|n| n.content_hash());
                is_stale |= live.is_ok_and(|hash| hash != version.content_hash);
            }
        }
        out.insert(view.register.id, is_stale);
    }
    Ok(out)
}

/// Registers loaded once, with their notices' staleness, to evaluate under
/// one scenario or several.
pub struct Inventory {
    pub views: Vec<RegisterView>,
    stale: HashMap<i64, bool>,
}

impl Inventory {
    pub async fn load<C: ConnectionTrait>(db: &C, which: Registers) -> Result<Self, DbErr> {
        let views = view::load_many(db, which).await?;
        let stale = stale(db, &views).await?;
        Ok(Self { views, stale })
    }

    /// Every finding under `scenario`, register by register.
    pub fn findings(&self, scenario: &Scenario) -> Vec<Finding> {
        self.views
            .iter()
            .flat_map(|v| {
                evaluate(
                    v,
                    self.stale.get(&v.register.id).copied().unwrap_or(false),
                    scenario,
                )
            })
            .collect()
    }
}

/// Every finding on the chosen registers under `scenario`, register by register.
pub async fn findings<C: ConnectionTrait>(
    db: &C,
    which: Registers,
    scenario: &Scenario,
) -> Result<Vec<Finding>, DbErr> {
    Ok(Inventory::load(db, which).await?.findings(scenario))
}
