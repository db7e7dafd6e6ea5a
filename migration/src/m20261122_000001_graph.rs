//! The processing graph: every table, foreign key and index, for SQLite and PostgreSQL alike.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in dependency order: created in this order, dropped in reverse.
const TABLES: &[&str] = &[
    "organization",
    "contact",
    "data_subject_category",
    "data_category",
    "system",
    "register",
    "register_joint_controller",
    "register_data_subject_category",
    "register_data_category",
    "register_system",
    "purpose",
    "data_source",
    "recipient",
    "processor_engagement",
    "transfer",
    "retention_rule",
    "security_measure",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Any legal party: controller, processor, recipient, supervisory authority.
        manager
            .create_table(
                Table::create()
                    .table("organization")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(string("name"))
                    .col(string_null("business_id"))
                    .col(string_null("country"))
                    .col(string_null("postal_address"))
                    .col(string_null("visiting_address"))
                    .col(string_null("email"))
                    .col(string_null("phone"))
                    .col(string_null("website"))
                    .col(string_null("note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .to_owned(),
            )
            .await?;
        // A person or function of an organization (DPO, contact person, customer service).
        manager
            .create_table(
                Table::create()
                    .table("contact")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(big_integer("organization_id"))
                    .col(integer("position"))
                    .col(string("name"))
                    .col(string("role"))
                    .col(text_null("title"))
                    .col(string_null("email"))
                    .col(string_null("phone"))
                    .col(string_null("address"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contact_organization_id")
                            .from("contact", "organization_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "contact", &["organization_id"], false).await?;
        // Shared vocabulary of data subject categories.
        manager
            .create_table(
                Table::create()
                    .table("data_subject_category")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(text("name"))
                    .col(text_null("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .to_owned(),
            )
            .await?;
        // Shared taxonomy of personal data categories.
        manager
            .create_table(
                Table::create()
                    .table("data_category")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(text("name"))
                    .col(text_null("description"))
                    .col(boolean("special_category"))
                    .col(boolean("criminal"))
                    .col(boolean("national_identifier"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .to_owned(),
            )
            .await?;
        // An IT system (asset) used by registers.
        manager
            .create_table(
                Table::create()
                    .table("system")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(string("name"))
                    .col(big_integer_null("vendor_id"))
                    .col(text("hosting_countries"))
                    .col(text_null("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_system_vendor_id")
                            .from("system", "vendor_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "system", &["vendor_id"], false).await?;
        // A processing activity (GDPR Art. 30(1)).
        manager
            .create_table(
                Table::create()
                    .table("register")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(string_uniq("slug"))
                    .col(text("name"))
                    .col(text_null("description"))
                    .col(string("status"))
                    .col(big_integer("controller_id"))
                    .col(big_integer_null("dpo_id"))
                    .col(big_integer_null("contact_person_id"))
                    .col(big_integer_null("supervisory_authority_id"))
                    .col(date_null("notice_prepared_on"))
                    .col(date_null("notice_updated_on"))
                    .col(text_null("automated_decision_making"))
                    .col(text_null("other_information"))
                    .col(string_null("note"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_controller_id")
                            .from("register", "controller_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_dpo_id")
                            .from("register", "dpo_id")
                            .to("contact", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_contact_person_id")
                            .from("register", "contact_person_id")
                            .to("contact", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_supervisory_authority_id")
                            .from("register", "supervisory_authority_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "register", &["controller_id"], false).await?;
        index(manager, "register", &["dpo_id"], false).await?;
        index(manager, "register", &["contact_person_id"], false).await?;
        index(manager, "register", &["supervisory_authority_id"], false).await?;
        // A joint controller of a register (GDPR Art. 26).
        manager
            .create_table(
                Table::create()
                    .table("register_joint_controller")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(big_integer("organization_id"))
                    .col(integer("position"))
                    .col(text_null("role"))
                    .col(text_null("arrangement"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_joint_controller_register_id")
                            .from("register_joint_controller", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_joint_controller_organization_id")
                            .from("register_joint_controller", "organization_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "register_joint_controller",
            &["register_id"],
            false,
        )
        .await?;
        index(
            manager,
            "register_joint_controller",
            &["organization_id"],
            false,
        )
        .await?;
        index(
            manager,
            "register_joint_controller",
            &["register_id", "organization_id"],
            true,
        )
        .await?;
        // Link: the data subject categories of a register.
        manager
            .create_table(
                Table::create()
                    .table("register_data_subject_category")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(big_integer("category_id"))
                    .col(integer("position"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_data_subject_category_register_id")
                            .from("register_data_subject_category", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_data_subject_category_category_id")
                            .from("register_data_subject_category", "category_id")
                            .to("data_subject_category", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "register_data_subject_category",
            &["register_id"],
            false,
        )
        .await?;
        index(
            manager,
            "register_data_subject_category",
            &["category_id"],
            false,
        )
        .await?;
        index(
            manager,
            "register_data_subject_category",
            &["register_id", "category_id"],
            true,
        )
        .await?;
        // Link: the personal data categories of a register, with a per-link note.
        manager
            .create_table(
                Table::create()
                    .table("register_data_category")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(big_integer("category_id"))
                    .col(integer("position"))
                    .col(text_null("note"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_data_category_register_id")
                            .from("register_data_category", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_data_category_category_id")
                            .from("register_data_category", "category_id")
                            .to("data_category", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "register_data_category", &["register_id"], false).await?;
        index(manager, "register_data_category", &["category_id"], false).await?;
        index(
            manager,
            "register_data_category",
            &["register_id", "category_id"],
            true,
        )
        .await?;
        // Link: the systems a register uses.
        manager
            .create_table(
                Table::create()
                    .table("register_system")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(big_integer("system_id"))
                    .col(integer("position"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_system_register_id")
                            .from("register_system", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_register_system_system_id")
                            .from("register_system", "system_id")
                            .to("system", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "register_system", &["register_id"], false).await?;
        index(manager, "register_system", &["system_id"], false).await?;
        index(
            manager,
            "register_system",
            &["register_id", "system_id"],
            true,
        )
        .await?;
        // A purpose of processing with its legal basis (Art. 6(1), Art. 9(2)).
        manager
            .create_table(
                Table::create()
                    .table("purpose")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(integer("position"))
                    .col(text("description"))
                    .col(string_null("legal_basis"))
                    .col(text_null("legitimate_interest"))
                    .col(string_null("special_category_condition"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_purpose_register_id")
                            .from("purpose", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "purpose", &["register_id"], false).await?;
        // Where a register's data comes from (Art. 14(2)(f)).
        manager
            .create_table(
                Table::create()
                    .table("data_source")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(integer("position"))
                    .col(string("kind"))
                    .col(text("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_data_source_register_id")
                            .from("data_source", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "data_source", &["register_id"], false).await?;
        // A disclosure to a named organization or a category of recipients (Art. 13(1)(e)).
        manager
            .create_table(
                Table::create()
                    .table("recipient")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(integer("position"))
                    .col(big_integer_null("organization_id"))
                    .col(text_null("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recipient_register_id")
                            .from("recipient", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recipient_organization_id")
                            .from("recipient", "organization_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "recipient", &["register_id"], false).await?;
        index(manager, "recipient", &["organization_id"], false).await?;
        // A processor (or sub-processor) engaged for a register (Art. 28).
        manager
            .create_table(
                Table::create()
                    .table("processor_engagement")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(big_integer("register_id"))
                    .col(integer("position"))
                    .col(big_integer("processor_id"))
                    .col(big_integer_null("parent_id"))
                    .col(string("role"))
                    .col(text_null("service"))
                    .col(text("processing_countries"))
                    .col(date_null("contract_date"))
                    .col(string_null("contract_reference"))
                    .col(text_null("conditions"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_processor_engagement_register_id")
                            .from("processor_engagement", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_processor_engagement_processor_id")
                            .from("processor_engagement", "processor_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_processor_engagement_parent_id")
                            .from("processor_engagement", "parent_id")
                            .to("processor_engagement", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "processor_engagement", &["register_id"], false).await?;
        index(manager, "processor_engagement", &["processor_id"], false).await?;
        index(manager, "processor_engagement", &["parent_id"], false).await?;
        // A transfer to a third country (GDPR Chapter V).
        manager
            .create_table(
                Table::create()
                    .table("transfer")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("external_id"))
                    .col(big_integer("register_id"))
                    .col(integer("position"))
                    .col(big_integer_null("recipient_id"))
                    .col(big_integer_null("engagement_id"))
                    .col(string_null("destination_country"))
                    .col(string("mechanism"))
                    .col(string_null("safeguard_reference"))
                    .col(date_null("signed_on"))
                    .col(date_null("certification_checked_on"))
                    .col(date_null("valid_from"))
                    .col(date_null("valid_to"))
                    .col(text_null("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_transfer_register_id")
                            .from("transfer", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_transfer_recipient_id")
                            .from("transfer", "recipient_id")
                            .to("organization", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_transfer_engagement_id")
                            .from("transfer", "engagement_id")
                            .to("processor_engagement", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "transfer", &["register_id"], false).await?;
        index(manager, "transfer", &["recipient_id"], false).await?;
        index(manager, "transfer", &["engagement_id"], false).await?;
        // How long a register's data (or one category of it) is kept (Art. 13(2)(a)).
        manager
            .create_table(
                Table::create()
                    .table("retention_rule")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(integer("position"))
                    .col(big_integer_null("data_category_id"))
                    .col(integer_null("amount"))
                    .col(string_null("unit"))
                    .col(text_null("trigger"))
                    .col(text_null("criteria"))
                    .col(text_null("exceptions"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_retention_rule_register_id")
                            .from("retention_rule", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_retention_rule_data_category_id")
                            .from("retention_rule", "data_category_id")
                            .to("data_category", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "retention_rule", &["register_id"], false).await?;
        index(manager, "retention_rule", &["data_category_id"], false).await?;
        // A technical or organisational security measure (Art. 32).
        manager
            .create_table(
                Table::create()
                    .table("security_measure")
                    .col(big_pk_auto("id"))
                    .col(big_integer("register_id"))
                    .col(integer("position"))
                    .col(string("kind"))
                    .col(string_null("material"))
                    .col(text("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_security_measure_register_id")
                            .from("security_measure", "register_id")
                            .to("register", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "security_measure", &["register_id"], false).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(*table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Every foreign key gets an index (PostgreSQL does not create them), named after its columns.
async fn index(
    manager: &SchemaManager<'_>,
    table: &str,
    columns: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index
        .name(format!("ix_{table}_{}", columns.join("_")))
        .table(table.to_owned());
    for column in columns {
        index.col(Alias::new(*column));
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}
