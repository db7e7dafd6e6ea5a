//! Opaque global ids (Relay's Object Identification): the type name and the
//! row id, base64url-encoded. Clients must not parse them; we may change the
//! encoding behind a version prefix without breaking anyone.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

/// Node types with a global id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeType {
    Organization,
    Contact,
    DataSubjectCategory,
    DataCategory,
    System,
    Register,
    Purpose,
    DataSource,
    Recipient,
    ProcessorEngagement,
    Transfer,
    RetentionRule,
    SecurityMeasure,
    NoticeVersion,
}

impl NodeType {
    const ALL: [NodeType; 14] = [
        NodeType::Organization,
        NodeType::Contact,
        NodeType::DataSubjectCategory,
        NodeType::DataCategory,
        NodeType::System,
        NodeType::Register,
        NodeType::Purpose,
        NodeType::DataSource,
        NodeType::Recipient,
        NodeType::ProcessorEngagement,
        NodeType::Transfer,
        NodeType::RetentionRule,
        NodeType::SecurityMeasure,
        NodeType::NoticeVersion,
    ];

    pub fn name(self) -> &'static str {
        match self {
            NodeType::Organization => "Organization",
            NodeType::Contact => "Contact",
            NodeType::DataSubjectCategory => "DataSubjectCategory",
            NodeType::DataCategory => "DataCategory",
            NodeType::System => "System",
            NodeType::Register => "Register",
            NodeType::Purpose => "Purpose",
            NodeType::DataSource => "DataSource",
            NodeType::Recipient => "Recipient",
            NodeType::ProcessorEngagement => "ProcessorEngagement",
            NodeType::Transfer => "Transfer",
            NodeType::RetentionRule => "RetentionRule",
            NodeType::SecurityMeasure => "SecurityMeasure",
            NodeType::NoticeVersion => "NoticeVersion",
        }
    }
}

pub fn encode(node_type: NodeType, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", node_type.name())))
}

/// Reads a global id; `None` for anything that is not one of ours.
pub fn decode(id: &str) -> Option<(NodeType, i64)> {
    let bytes = URL_SAFE_NO_PAD.decode(id).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (name, number) = text.split_once(':')?;
    let node_type = NodeType::ALL.into_iter().find(|t| t.name() == name)?;
    let number: i64 = number.parse().ok()?;
    (number > 0).then_some((node_type, number))
}

/// Reads a global id that must be of `expected` type.
pub fn decode_as(id: &str, expected: NodeType) -> Option<i64> {
    match decode(id) {
        Some((node_type, number)) if node_type == expected => Some(number),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejects() {
        let id = encode(NodeType::Register, 42);
        assert_eq!(decode(&id), Some((NodeType::Register, 42)));
        assert_eq!(decode_as(&id, NodeType::Organization), None);
        assert_eq!(decode("not an id"), None);
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("Register:-1")), None);
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("Nope:1")), None);
    }
}
