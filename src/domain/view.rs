//! The read model of a register: the register with its whole neighbourhood.
//! Notices and findings are computed from it, so they can be tested on plain
//! values. Any number of registers load in one query per table.

use std::collections::{HashMap, HashSet};

use entity::{
    contact, data_category, data_source, data_subject_category, organization, processor_engagement,
    purpose, recipient, register, register_data_category, register_data_subject_category,
    register_joint_controller, register_system, retention_rule, security_measure, system, transfer,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// An organization with its contacts.
#[derive(Clone, Debug, PartialEq)]
pub struct OrganizationView {
    pub organization: organization::Model,
    pub contacts: Vec<contact::Model>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegisterView {
    pub register: register::Model,
    pub controller: OrganizationView,
    pub joint_controllers: Vec<(register_joint_controller::Model, organization::Model)>,
    pub dpo: Option<contact::Model>,
    pub contact_person: Option<contact::Model>,
    pub supervisory_authority: Option<OrganizationView>,
    pub purposes: Vec<purpose::Model>,
    pub subjects: Vec<data_subject_category::Model>,
    pub data_categories: Vec<(register_data_category::Model, data_category::Model)>,
    pub sources: Vec<data_source::Model>,
    pub recipients: Vec<(recipient::Model, Option<organization::Model>)>,
    pub processors: Vec<(processor_engagement::Model, organization::Model)>,
    pub transfers: Vec<(transfer::Model, Option<organization::Model>)>,
    pub retention: Vec<(retention_rule::Model, Option<data_category::Model>)>,
    pub security: Vec<security_measure::Model>,
    pub systems: Vec<system::Model>,
}

/// Which registers to load.
#[derive(Clone, Debug)]
pub enum Registers {
    All,
    Ids(Vec<i64>),
    ControlledBy(i64),
    /// Those of the registers named that a caller reaches.
    Reached(Box<Registers>, super::reach::Reach),
}

impl Registers {
    /// These registers, narrowed to what `reach` reaches.
    pub fn reached(self, reach: &super::reach::Reach) -> Registers {
        match reach {
            super::reach::Reach::All => self,
            limited => Registers::Reached(Box::new(self), limited.clone()),
        }
    }

    fn select(self) -> sea_orm::Select<register::Entity> {
        let query = register::Entity::find();
        match self {
            Registers::All => query,
            Registers::Ids(ids) => query.filter(register::Column::Id.is_in(ids)),
            Registers::ControlledBy(id) => query.filter(register::Column::ControllerId.eq(id)),
            Registers::Reached(which, reach) => reach.filter(which.select()),
        }
    }
}

fn grouped<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut map: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

fn take<T>(map: &mut HashMap<i64, Vec<T>>, id: i64) -> Vec<T> {
    map.remove(&id).unwrap_or_default()
}

/// The rows of a register-owned table for `ids`, in their recorded order.
macro_rules! parts {
    ($db:expr, $module:ident, $ids:expr) => {
        $module::Entity::find()
            .filter($module::Column::RegisterId.is_in($ids.iter().copied()))
            .order_by_asc($module::Column::Position)
            .order_by_asc($module::Column::Id)
    };
}

/// Loads one register with everything a notice or a finding needs.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    register_id: i64,
) -> Result<Option<RegisterView>, DbErr> {
    Ok(load_many(db, Registers::Ids(vec![register_id]))
        .await?
        .pop())
}

/// Loads registers with their neighbourhoods, in id order.
pub async fn load_many<C: ConnectionTrait>(
    db: &C,
    which: Registers,
) -> Result<Vec<RegisterView>, DbErr> {
    let registers = which
        .select()
        .order_by_asc(register::Column::Id)
        .all(db)
        .await?;
    if registers.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = registers.iter().map(|r| r.id).collect();

    let mut joint = grouped(
        parts!(db, register_joint_controller, ids)
            .find_also_related(organization::Entity)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(link, org)| org.map(|org| (link, org)))
            .collect(),
        |(link, _)| link.register_id,
    );
    let mut subjects = grouped(
        parts!(db, register_data_subject_category, ids)
            .find_also_related(data_subject_category::Entity)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(link, c)| c.map(|c| (link.register_id, c)))
            .collect(),
        |(id, _)| *id,
    );
    let mut categories = grouped(
        parts!(db, register_data_category, ids)
            .find_also_related(data_category::Entity)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(link, c)| c.map(|c| (link, c)))
            .collect(),
        |(link, _)| link.register_id,
    );
    let mut systems = grouped(
        parts!(db, register_system, ids)
            .find_also_related(system::Entity)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(link, s)| s.map(|s| (link.register_id, s)))
            .collect(),
        |(id, _)| *id,
    );
    let mut recipients = grouped(
        parts!(db, recipient, ids)
            .find_also_related(organization::Entity)
            .all(db)
            .await?,
        |(r, _)| r.register_id,
    );
    let mut processors = grouped(
        parts!(db, processor_engagement, ids)
            .find_also_related(organization::Entity)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(e, org)| org.map(|org| (e, org)))
            .collect(),
        |(e, _)| e.register_id,
    );
    let mut transfers = grouped(
        parts!(db, transfer, ids)
            .find_also_related(organization::Entity)
            .all(db)
            .await?,
        |(t, _)| t.register_id,
    );
    let mut retention = grouped(
        parts!(db, retention_rule, ids)
            .find_also_related(data_category::Entity)
            .all(db)
            .await?,
        |(r, _)| r.register_id,
    );
    let mut purposes = grouped(parts!(db, purpose, ids).all(db).await?, |p| p.register_id);
    let mut sources = grouped(parts!(db, data_source, ids).all(db).await?, |s| {
        s.register_id
    });
    let mut security = grouped(parts!(db, security_measure, ids).all(db).await?, |s| {
        s.register_id
    });

    // Organizations named by the registers themselves, with their contacts.
    let org_ids: HashSet<i64> = registers
        .iter()
        .flat_map(|r| [Some(r.controller_id), r.supervisory_authority_id])
        .flatten()
        .collect();
    let organizations: HashMap<i64, organization::Model> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(org_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let contacts = grouped(
        contact::Entity::find()
            .filter(contact::Column::OrganizationId.is_in(org_ids.iter().copied()))
            .order_by_asc(contact::Column::Position)
            .all(db)
            .await?,
        |c| c.organization_id,
    );
    let contact_ids: HashSet<i64> = registers
        .iter()
        .flat_map(|r| [r.dpo_id, r.contact_person_id])
        .flatten()
        .collect();
    let named_contacts: HashMap<i64, contact::Model> = contact::Entity::find()
        .filter(contact::Column::Id.is_in(contact_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let organization_view = |id: i64, contacts: &HashMap<i64, Vec<contact::Model>>| {
        organizations.get(&id).map(|o| OrganizationView {
            organization: o.clone(),
            contacts: contacts.get(&id).cloned().unwrap_or_default(),
        })
    };

    let mut views = Vec::with_capacity(registers.len());
    for register in registers {
        let id = register.id;
        let Some(controller) = organization_view(register.controller_id, &contacts) else {
            return Err(DbErr::RecordNotFound(format!(
                "controller of register {id}"
            )));
        };
        let supervisory_authority = register
            .supervisory_authority_id
            .and_then(|a| organization_view(a, &contacts));
        views.push(RegisterView {
            controller,
            supervisory_authority,
            joint_controllers: take(&mut joint, id),
            dpo: register
                .dpo_id
                .and_then(|c| named_contacts.get(&c).cloned()),
            contact_person: register
                .contact_person_id
                .and_then(|c| named_contacts.get(&c).cloned()),
            purposes: take(&mut purposes, id),
            subjects: take(&mut subjects, id)
                .into_iter()
                .map(|(_, s)| s)
                .collect(),
            data_categories: take(&mut categories, id),
            sources: take(&mut sources, id),
            recipients: take(&mut recipients, id),
            processors: take(&mut processors, id),
            transfers: take(&mut transfers, id),
            retention: take(&mut retention, id),
            security: take(&mut security, id),
            systems: take(&mut systems, id).into_iter().map(|(_, s)| s).collect(),
            register,
        });
    }
    Ok(views)
}
