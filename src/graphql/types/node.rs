//! Relay's `Node` interface and `node(id:)`.

use async_graphql::{Context, Interface};

use super::*;
use crate::graph::Part;
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

/// The node `(node_type, id)` if it exists and the caller reaches it.
pub fn node(ctx: &Context<'_>, node_type: NodeType, id: i64) -> Option<Node> {
    let s = crate::graphql::read(ctx);
    let (graph, reached) = (&s.graph, &s.reached);
    Some(match node_type {
        NodeType::Organization => return organization(ctx, id).map(Node::Organization),
        NodeType::Contact => return contact(ctx, id).map(Node::Contact),
        NodeType::Register => return register(ctx, id).map(Node::Register),
        NodeType::DataSubjectCategory => Node::DataSubjectCategory(DataSubjectCategory(
            graph
                .subject_category(id)
                .filter(|_| reached.subject_category(id))?
                .clone(),
        )),
        NodeType::DataCategory => Node::DataCategory(DataCategory(
            graph
                .data_category(id)
                .filter(|_| reached.data_category(id))?
                .clone(),
        )),
        NodeType::System => Node::System(System(
            graph.system(id).filter(|_| reached.system(id))?.clone(),
        )),
        part => {
            let owner = graph.owner(part, id)?;
            if !reached.register(owner.row.id) {
                return None;
            }
            match graph.part(part, id)? {
                Part::Purpose(p) => Node::Purpose(Purpose(p)),
                Part::DataSource(p) => Node::DataSource(DataSource(p)),
                Part::Recipient(p) => Node::Recipient(Recipient(p)),
                Part::Engagement(p) => Node::ProcessorEngagement(ProcessorEngagement(p)),
                Part::Transfer(p) => Node::Transfer(Transfer(p)),
                Part::RetentionRule(p) => Node::RetentionRule(RetentionRule(p)),
                Part::SecurityMeasure(p) => Node::SecurityMeasure(SecurityMeasure(p)),
                Part::Notice(p) => Node::NoticeVersion(NoticeVersion(p)),
            }
        }
    })
}
