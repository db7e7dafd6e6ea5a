//! Relay's `Node` interface and `node(id:)`.

use async_graphql::{Context, Interface, Result};
use sea_orm::EntityTrait;

use super::*;
use crate::graphql::id::NodeType;

/// An object with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "async_graphql::ID"))]
pub enum Node {
    Organization(Organization),
    Contact(Contact),
    DataSubjectCategory(DataSubjectCategory),
    DataCategory(DataCategory),
    System(System),
    Register(Register),
    Purpose(Purpose),
    DataSource(DataSource),
    Recipient(Recipient),
    ProcessorEngagement(ProcessorEngagement),
    Transfer(Transfer),
    RetentionRule(RetentionRule),
    SecurityMeasure(SecurityMeasure),
    NoticeVersion(NoticeVersion),
}

/// Loads the node a global id names; `None` for an id that names nothing.
pub async fn load_node(ctx: &Context<'_>, node_type: NodeType, id: i64) -> Result<Option<Node>> {
    let db = crate::graphql::db(ctx);
    let reach = crate::graphql::reach(ctx);
    macro_rules! find {
        ($module:ident, $variant:ident) => {
            reach
                .filter(entity::$module::Entity::find_by_id(id))
                .one(db)
                .await
                .map_err(crate::graphql::internal)?
                .map(|m| Node::$variant($variant(m)))
        };
    }
    Ok(match node_type {
        NodeType::Organization => find!(organization, Organization),
        NodeType::Contact => find!(contact, Contact),
        NodeType::DataSubjectCategory => find!(data_subject_category, DataSubjectCategory),
        NodeType::DataCategory => find!(data_category, DataCategory),
        NodeType::System => find!(system, System),
        NodeType::Register => find!(register, Register),
        NodeType::Purpose => find!(purpose, Purpose),
        NodeType::DataSource => find!(data_source, DataSource),
        NodeType::Recipient => find!(recipient, Recipient),
        NodeType::ProcessorEngagement => find!(processor_engagement, ProcessorEngagement),
        NodeType::Transfer => find!(transfer, Transfer),
        NodeType::RetentionRule => find!(retention_rule, RetentionRule),
        NodeType::SecurityMeasure => find!(security_measure, SecurityMeasure),
        NodeType::NoticeVersion => find!(notice_version, NoticeVersion),
    })
}
