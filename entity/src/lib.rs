//! Storage entities of the processing graph. Generated shape, no GraphQL or app types:
//! the app maps these to its domain and API.

pub mod audit_event;
pub mod contact;
pub mod data_category;
pub mod data_source;
pub mod data_subject_category;
pub mod notice_version;
pub mod organization;
pub mod processor_engagement;
pub mod purpose;
pub mod recipient;
pub mod register;
pub mod register_data_category;
pub mod register_data_subject_category;
pub mod register_joint_controller;
pub mod register_system;
pub mod retention_rule;
pub mod security_measure;
pub mod system;
pub mod transfer;
