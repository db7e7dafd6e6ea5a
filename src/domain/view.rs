//! The read model of one register: the register with its whole
//! neighbourhood, loaded in one go. Notices and findings are computed from
//! it, so they can be tested on plain values.

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

async fn organization_view<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<OrganizationView>, DbErr> {
    let Some(organization) = organization::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let contacts = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(id))
        .order_by_asc(contact::Column::Position)
        .all(db)
        .await?;
    Ok(Some(OrganizationView {
        organization,
        contacts,
    }))
}

async fn contact_by_id<C: ConnectionTrait>(
    db: &C,
    id: Option<i64>,
) -> Result<Option<contact::Model>, DbErr> {
    match id {
        Some(id) => contact::Entity::find_by_id(id).one(db).await,
        None => Ok(None),
    }
}

macro_rules! parts {
    ($db:expr, $module:ident, $id:expr) => {
        $module::Entity::find()
            .filter($module::Column::RegisterId.eq($id))
            .order_by_asc($module::Column::Position)
            .order_by_asc($module::Column::Id)
    };
}

/// Loads a register with everything a notice or a finding needs.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    register_id: i64,
) -> Result<Option<RegisterView>, DbErr> {
    let Some(register) = register::Entity::find_by_id(register_id).one(db).await? else {
        return Ok(None);
    };
    let Some(controller) = organization_view(db, register.controller_id).await? else {
        return Err(DbErr::RecordNotFound(format!(
            "controller of register {register_id}"
        )));
    };
    let supervisory_authority = match register.supervisory_authority_id {
        Some(id) => organization_view(db, id).await?,
        None => None,
    };
    let id = register.id;
    let joint_controllers = parts!(db, register_joint_controller, id)
        .find_also_related(organization::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(link, org)| org.map(|org| (link, org)))
        .collect();
    let subjects = parts!(db, register_data_subject_category, id)
        .find_also_related(data_subject_category::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(_, c)| c)
        .collect();
    let data_categories = parts!(db, register_data_category, id)
        .find_also_related(data_category::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(link, c)| c.map(|c| (link, c)))
        .collect();
    let systems = parts!(db, register_system, id)
        .find_also_related(system::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(_, s)| s)
        .collect();
    let recipients = parts!(db, recipient, id)
        .find_also_related(organization::Entity)
        .all(db)
        .await?;
    let processors = parts!(db, processor_engagement, id)
        .find_also_related(organization::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(e, org)| org.map(|org| (e, org)))
        .collect();
    let transfers = parts!(db, transfer, id)
        .find_also_related(organization::Entity)
        .all(db)
        .await?;
    let retention = parts!(db, retention_rule, id)
        .find_also_related(data_category::Entity)
        .all(db)
        .await?;
    Ok(Some(RegisterView {
        dpo: contact_by_id(db, register.dpo_id).await?,
        contact_person: contact_by_id(db, register.contact_person_id).await?,
        purposes: parts!(db, purpose, id).all(db).await?,
        sources: parts!(db, data_source, id).all(db).await?,
        security: parts!(db, security_measure, id).all(db).await?,
        register,
        controller,
        joint_controllers,
        supervisory_authority,
        subjects,
        data_categories,
        recipients,
        processors,
        transfers,
        retention,
        systems,
    }))
}
