//! The one write path of the graph. Bulk import, upserts and the create and
//! update mutations all build rows here, so a value is checked the same way
//! whichever door it came in by. Problems are collected with the path of the
//! offending value; the caller runs the writer inside a transaction and rolls
//! back when any were found, so nothing is ever half-written.

use std::collections::{BTreeMap, HashSet};

use entity::{
    contact, data_category, data_source, data_subject_category, organization, processor_engagement,
    purpose, recipient, register, register_data_category, register_data_subject_category,
    register_joint_controller, register_system, retention_rule, security_measure, system, transfer,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ModelTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::{
    batch::{Batch, Rows, insert_links, insert_stamped},
    document::*,
    keys::{Keys, Kind},
};
use crate::domain::{
    Localized, Path, UserError, UserErrorCode,
    audit::Change,
    enums::{EngagementRole, LegalBasis},
    id::NodeType,
    reach::Reach,
    store::{Outcome, Stamped, insert_link, placeholder_time, save, touch},
    value::{
        CountryCode, TextLimit, check_text, parse_business_id, parse_country, parse_email,
        parse_external_id, parse_name, parse_slug,
    },
};

/// Counts of what a write did, per kind of entity, and the keys of what it
/// deleted: the document is declarative, so a part it no longer lists goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub kinds: BTreeMap<&'static str, Counts>,
    /// Per kind, the keys of the rows deleted (see `plan::row_key`).
    pub deleted: BTreeMap<&'static str, Vec<String>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
}

impl Summary {
    pub fn record(&mut self, kind: &'static str, outcome: Outcome) {
        let counts = self.kinds.entry(kind).or_default();
        match outcome {
            Outcome::Created => counts.created += 1,
            Outcome::Updated => counts.updated += 1,
            Outcome::Unchanged => counts.unchanged += 1,
        }
    }

    pub fn record_deleted(&mut self, kind: &'static str, key: String) {
        self.kinds.entry(kind).or_default().deleted += 1;
        self.deleted.entry(kind).or_default().push(key);
    }

    pub fn changed(&self) -> bool {
        self.kinds
            .values()
            .any(|c| c.created + c.updated + c.deleted > 0)
    }

    /// The counts alone, one line per kind.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<24} {:>8} {:>8} {:>8} {:>10}\n",
            "", "created", "updated", "deleted", "unchanged"
        );
        for (kind, c) in &self.kinds {
            out.push_str(&format!(
                "{kind:<24} {:>8} {:>8} {:>8} {:>10}\n",
                c.created, c.updated, c.deleted, c.unchanged
            ));
        }
        out
    }
}

/// The counts, then every deleted key.
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.table())?;
        for (kind, keys) in &self.deleted {
            writeln!(f, "deleted {kind}:")?;
            for key in keys {
                writeln!(f, "  - {key}")?;
            }
        }
        Ok(())
    }
}

fn combine(a: Outcome, b: Outcome) -> Outcome {
    match (a, b) {
        (Outcome::Created, _) | (_, Outcome::Created) => Outcome::Created,
        (Outcome::Updated, _) | (_, Outcome::Updated) => Outcome::Updated,
        _ => Outcome::Unchanged,
    }
}

/// The id a key holds while its row waits in a batch.
const PENDING: i64 = -1;

pub struct Writer<'a, C> {
    db: &'a C,
    pub keys: Keys,
    pub errors: Vec<UserError>,
    pub summary: Summary,
    /// What was written, for the audit trail.
    pub changes: Vec<Change>,
    /// How far the caller reaches: references to registers and what they
    /// own resolve only within it, and registers are written only for the
    /// caller's controllers.
    reach: Reach,
    /// Set for bulk writes: new parts wait here and go in many rows at a time.
    batch: Option<Batch>,
}

impl<'a, C: ConnectionTrait> Writer<'a, C> {
    pub fn new(db: &'a C) -> Self {
        Self {
            db,
            keys: Keys::default(),
            errors: Vec::new(),
            summary: Summary::default(),
            changes: Vec::new(),
            reach: Reach::All,
            batch: None,
        }
    }

    /// Prepares a bulk write (an import): loads every key and slug once, and
    /// lets new parts wait to be inserted many rows at a time. `flush` must
    /// be called before the transaction commits.
    pub async fn start_batch(&mut self) -> Result<(), DbErr> {
        self.keys.preload(self.db).await?;
        let slugs = register::Entity::find()
            .select_only()
            .column(register::Column::Slug)
            .column(register::Column::ExternalId)
            .into_tuple::<(String, String)>()
            .all(self.db)
            .await?;
        self.batch = Some(Batch {
            rows: Rows::default(),
            slugs: slugs.into_iter().collect(),
        });
        Ok(())
    }

    /// Inserts the waiting rows once there are enough of them.
    pub async fn flush_when_full(&mut self) -> Result<(), DbErr> {
        if self.batch.as_ref().is_some_and(|b| b.rows.len() >= 5000) {
            self.flush().await?;
        }
        Ok(())
    }

    /// Inserts every waiting row, recording each for the audit trail. With
    /// errors nothing will be committed, so nothing is inserted.
    pub async fn flush(&mut self) -> Result<(), DbErr> {
        let Some(batch) = self.batch.as_mut() else {
            return Ok(());
        };
        let rows = std::mem::take(&mut batch.rows);
        if !self.errors.is_empty() {
            return Ok(());
        }
        macro_rules! stamped {
            ($list:expr, $module:ident, $node_type:ident) => {
                for saved in insert_stamped::<$module::ActiveModel, _>(self.db, $list).await? {
                    self.changes.push(Change::new(
                        NodeType::$node_type,
                        saved.id,
                        None,
                        Some(&saved),
                    ));
                }
            };
        }
        stamped!(rows.purposes, purpose, Purpose);
        stamped!(rows.sources, data_source, DataSource);
        stamped!(rows.recipients, recipient, Recipient);
        stamped!(rows.retention, retention_rule, RetentionRule);
        stamped!(rows.security, security_measure, SecurityMeasure);
        for saved in insert_stamped::<transfer::ActiveModel, _>(self.db, rows.transfers).await? {
            self.keys
                .insert(Kind::Transfer, &saved.external_id, saved.id);
            self.changes.push(Change::new(
                NodeType::Transfer,
                saved.id,
                None,
                Some(&saved),
            ));
        }
        insert_links::<register_joint_controller::ActiveModel, _>(self.db, rows.joint).await?;
        insert_links::<register_system::ActiveModel, _>(self.db, rows.systems).await?;
        insert_links::<register_data_subject_category::ActiveModel, _>(self.db, rows.subjects)
            .await?;
        insert_links::<register_data_category::ActiveModel, _>(self.db, rows.categories).await?;
        Ok(())
    }

    /// A fresh register's links wait in the batch; they are audited with it now.
    fn defer_links<T: serde::Serialize>(
        &mut self,
        register_id: i64,
        rows: Vec<T>,
        buffer: fn(&mut Rows) -> &mut Vec<T>,
    ) -> Outcome {
        if !self.errors.is_empty() || rows.is_empty() {
            return Outcome::Unchanged;
        }
        self.changes
            .push(Change::links(register_id, &Vec::<T>::new(), &rows));
        if let Some(batch) = self.batch.as_mut() {
            buffer(&mut batch.rows).extend(rows);
        }
        Outcome::Updated
    }

    /// A fresh register's ordered parts wait in the batch.
    fn defer_parts<T>(
        &mut self,
        rows: Vec<Option<T>>,
        buffer: fn(&mut Rows) -> &mut Vec<T>,
    ) -> Outcome {
        if rows.is_empty() || rows.iter().any(Option::is_none) {
            return Outcome::Unchanged;
        }
        if let Some(batch) = self.batch.as_mut() {
            buffer(&mut batch.rows).extend(rows.into_iter().flatten());
        }
        Outcome::Updated
    }

    /// Limits the writer to what `reach` reaches.
    pub fn reaching(mut self, reach: &Reach) -> Self {
        self.reach = reach.clone();
        self
    }

    /// Saves a row through `save`, recording the change for the audit trail.
    pub async fn store<A>(
        &mut self,
        node_type: NodeType,
        existing: Option<&<A::Entity as EntityTrait>::Model>,
        model: <A::Entity as EntityTrait>::Model,
    ) -> Result<(<A::Entity as EntityTrait>::Model, Outcome), DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model:
            sea_orm::IntoActiveModel<A> + Stamped + PartialEq + Clone + serde::Serialize,
    {
        let (saved, outcome) = save::<A, _>(self.db, existing, model).await?;
        if outcome != Outcome::Unchanged {
            self.changes
                .push(Change::new(node_type, saved.id(), existing, Some(&saved)));
        }
        Ok((saved, outcome))
    }

    /// Deletes a row, recording it for the audit trail and, by its key, in
    /// the summary.
    async fn remove<A>(
        &mut self,
        node_type: NodeType,
        model: <A::Entity as EntityTrait>::Model,
    ) -> Result<(), DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>
            + ModelTrait<Entity = A::Entity>
            + Stamped
            + serde::Serialize,
    {
        let change = Change::new(node_type, model.id(), Some(&model), None);
        let kind = super::plan::kind_name(node_type);
        let row = change
            .before
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default();
        let key = super::plan::row_key(kind, &row, |id| {
            self.keys.key_of(Kind::Register, id).map(str::to_owned)
        });
        self.summary.record_deleted(kind, key);
        self.changes.push(change);
        model.delete(self.db).await?;
        Ok(())
    }

    pub fn fail(&mut self, path: &Path, code: UserErrorCode, message: impl Into<String>) {
        self.errors.push(UserError::new(path, code, message));
    }

    fn check<T>(&mut self, path: &Path, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.fail(path, UserErrorCode::Invalid, message);
                None
            }
        }
    }

    fn text(&mut self, path: &Path, value: &Option<String>) -> Option<String> {
        match value {
            Some(text) if text.trim().is_empty() => {
                self.fail(
                    path,
                    UserErrorCode::Invalid,
                    "must not be empty: leave it out (null) instead",
                );
                None
            }
            Some(text) => self.check(
                path,
                check_text(text, TextLimit::Text).map(|()| text.clone()),
            ),
            None => None,
        }
    }

    fn email(&mut self, path: &Path, value: &Option<String>) -> Option<String> {
        let email = value.as_deref()?;
        self.check(path, parse_email(email))
    }

    fn country(&mut self, path: &Path, value: &Option<String>) -> Option<CountryCode> {
        let code = value.as_deref()?;
        self.check(path, parse_country(code))
    }

    fn countries(&mut self, path: &Path, values: &[String]) -> String {
        let mut seen = HashSet::new();
        let mut codes = Vec::new();
        for (i, code) in values.iter().enumerate() {
            let Some(parsed) = self.check(&path.index(i), parse_country(code)) else {
                continue;
            };
            if seen.insert(parsed) {
                codes.push(parsed.to_string());
            } else {
                self.fail(
                    &path.index(i),
                    UserErrorCode::Duplicate,
                    format!("{parsed} is listed twice"),
                );
            }
        }
        serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into())
    }

    fn localized(&mut self, path: &Path, value: &Option<Localized>) -> Option<String> {
        let text = value.as_ref()?;
        if text.is_empty() {
            return None;
        }
        self.check(path, text.check(TextLimit::Text));
        Some(text.to_json())
    }

    fn required_localized(&mut self, path: &Path, value: &Localized, limit: TextLimit) -> String {
        if value.is_empty() {
            self.fail(
                path,
                UserErrorCode::Required,
                "give the text in at least one language (fi, sv or en)",
            );
        }
        self.check(path, value.check(limit));
        value.to_json()
    }

    /// Validates an externalId that the caller supplied or a document requires.
    pub fn key(&mut self, path: &Path, value: &Option<String>) -> Option<String> {
        match value {
            None => {
                self.fail(
                    path,
                    UserErrorCode::Required,
                    "an externalId is required here",
                );
                None
            }
            Some(key) => self.check(path, parse_external_id(key)),
        }
    }

    /// Resolves a reference by externalId, recording NOT_FOUND when it names nothing.
    pub async fn resolve(
        &mut self,
        path: &Path,
        kind: Kind,
        key: &str,
    ) -> Result<Option<i64>, DbErr> {
        let mut id = self.keys.get(self.db, kind, key).await?;
        if let Some(found) = id
            && !self.reach.is_all()
            && !self.reaches(kind, found).await?
        {
            id = None;
        }
        if id.is_none() {
            self.fail(
                path,
                UserErrorCode::NotFound,
                format!("no {} has the externalId \"{key}\"", kind.noun()),
            );
        }
        Ok(id)
    }

    /// Whether the caller reaches the entity `id` of `kind`. Organizations,
    /// contacts, categories and systems are a shared catalogue: any writer may
    /// link them by externalId. Registers and what they own are reached only
    /// through the caller's controllers.
    async fn reaches(&self, kind: Kind, id: i64) -> Result<bool, DbErr> {
        match kind {
            Kind::Register => self.reach.reaches::<register::Entity, _>(self.db, id).await,
            Kind::Engagement => {
                self.reach
                    .reaches::<processor_engagement::Entity, _>(self.db, id)
                    .await
            }
            Kind::Transfer => self.reach.reaches::<transfer::Entity, _>(self.db, id).await,
            Kind::Organization
            | Kind::Contact
            | Kind::DataSubjectCategory
            | Kind::DataCategory
            | Kind::System => Ok(true),
        }
    }

    async fn resolve_opt(
        &mut self,
        path: &Path,
        kind: Kind,
        key: &Option<String>,
    ) -> Result<Option<i64>, DbErr> {
        match key {
            Some(key) => self.resolve(path, kind, key).await,
            None => Ok(None),
        }
    }

    /// Refuses a key that another entity of the kind already has.
    pub async fn unique_key(
        &mut self,
        path: &Path,
        kind: Kind,
        key: &str,
        own_id: Option<i64>,
    ) -> Result<bool, DbErr> {
        match self.keys.get(self.db, kind, key).await? {
            Some(id) if Some(id) != own_id => {
                self.fail(
                    path,
                    UserErrorCode::Duplicate,
                    format!(
                        "another {} already has the externalId \"{key}\"",
                        kind.noun()
                    ),
                );
                Ok(false)
            }
            _ => Ok(true),
        }
    }

    // ----- organizations and contacts -------------------------------------------------

    /// What a token limited to some controllers may do to a stored
    /// organization. Claims name controllers by externalId, so no limited
    /// token may move the externalId of an organization that controls a
    /// register: otherwise it could free its own key and give it to another
    /// controller's organization, and its claim would then reach that
    /// controller. And it may not change an organization that registers of
    /// other controllers depend on: their records and notices are compiled
    /// from it. It may still link such an organization, and create new ones.
    async fn may_change_organization(
        &mut self,
        path: &Path,
        key: &str,
        old: &organization::Model,
    ) -> Result<bool, DbErr> {
        if self.reach.is_all() {
            return Ok(true);
        }
        use sea_orm::PaginatorTrait;
        if old.external_id != key
            && register::Entity::find()
                .filter(register::Column::ControllerId.eq(old.id))
                .count(self.db)
                .await?
                > 0
        {
            self.fail(
                &path.key("externalId"),
                UserErrorCode::Forbidden,
                "the externalId of a controller is what tokens' controllers claims name: a token limited to some controllers cannot change it",
            );
            return Ok(false);
        }
        self.may_change::<organization::Entity>(path, old.id, "organization")
            .await
    }

    /// Whether a limited token may change the shared node `id`: not when
    /// registers of controllers it does not act for depend on it.
    async fn may_change<E>(&mut self, path: &Path, id: i64, noun: &str) -> Result<bool, DbErr>
    where
        E: crate::domain::reach::Shared,
        E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    {
        if self.reach.shared_with_others::<E, _>(self.db, id).await? {
            self.fail(
                path,
                UserErrorCode::Forbidden,
                format!("registers of controllers this token does not act for depend on this {noun}: only a token that is not limited to some controllers can change it"),
            );
            return Ok(false);
        }
        Ok(true)
    }

    pub async fn organization(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<organization::Model>,
        input: &OrganizationInput,
    ) -> Result<Option<organization::Model>, DbErr> {
        let before = self.errors.len();
        if let Some(old) = &existing
            && !self.may_change_organization(path, key, old).await?
        {
            return Ok(None);
        }
        if !self
            .unique_key(
                &path.key("externalId"),
                Kind::Organization,
                key,
                existing.as_ref().map(|m| m.id),
            )
            .await?
        {
            return Ok(None);
        }
        let name = self.check(&path.key("name"), parse_name(&input.name));
        let country = self.country(&path.key("country"), &input.country);
        let business_id = match input.business_id.as_deref() {
            Some(id) => self.check(&path.key("businessId"), parse_business_id(id, country)),
            None => None,
        };
        let model = organization::Model {
            id: 0,
            external_id: key.to_owned(),
            name: name.unwrap_or_default(),
            business_id,
            country: country.map(|c| c.to_string()),
            postal_address: self.text(&path.key("postalAddress"), &input.postal_address),
            visiting_address: self.text(&path.key("visitingAddress"), &input.visiting_address),
            email: self.email(&path.key("email"), &input.email),
            phone: self.text(&path.key("phone"), &input.phone),
            website: self.text(&path.key("website"), &input.website),
            note: self.text(&path.key("note"), &input.note),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        if self.errors.len() > before {
            return Ok(None);
        }
        let (mut saved, mut outcome) = self
            .store::<organization::ActiveModel>(NodeType::Organization, existing.as_ref(), model)
            .await?;
        self.keys.insert(Kind::Organization, key, saved.id);
        if let Some(contacts) = &input.contacts {
            let contacts_outcome = self
                .contacts(&path.key("contacts"), &saved, contacts)
                .await?;
            if outcome == Outcome::Unchanged && contacts_outcome != Outcome::Unchanged {
                saved.version =
                    touch::<organization::Model, _>(self.db, saved.id, saved.version).await?;
                outcome = Outcome::Updated;
            }
        }
        self.summary.record("organizations", outcome);
        Ok(Some(saved))
    }

    async fn contacts(
        &mut self,
        path: &Path,
        org: &organization::Model,
        inputs: &[ContactInput],
    ) -> Result<Outcome, DbErr> {
        let existing = contact::Entity::find()
            .filter(contact::Column::OrganizationId.eq(org.id))
            .all(self.db)
            .await?;
        let mut outcome = Outcome::Unchanged;
        let mut kept = HashSet::new();
        for (i, input) in inputs.iter().enumerate() {
            let path = path.index(i);
            let key = match &input.external_id {
                Some(_) => self.key(&path.key("externalId"), &input.external_id),
                None => Some(format!("{}/contact-{}", org.external_id, i + 1)),
            };
            let Some(key) = key else { continue };
            if !kept.insert(key.clone()) {
                self.fail(
                    &path.key("externalId"),
                    UserErrorCode::Duplicate,
                    format!("\"{key}\" is listed twice"),
                );
                continue;
            }
            let current = existing.iter().find(|c| c.external_id == key).cloned();
            if current.is_none()
                && !self
                    .unique_key(&path.key("externalId"), Kind::Contact, &key, None)
                    .await?
            {
                continue;
            }
            if let Some(saved) = self
                .contact(&path, &key, org.id, i as i32, current, input)
                .await?
            {
                outcome = combine(outcome, saved.1);
            }
        }
        for gone in existing
            .into_iter()
            .filter(|c| !kept.contains(&c.external_id))
        {
            self.keys.remove(Kind::Contact, &gone.external_id);
            self.remove::<contact::ActiveModel>(NodeType::Contact, gone)
                .await?;
            outcome = combine(outcome, Outcome::Updated);
        }
        Ok(outcome)
    }

    pub async fn contact(
        &mut self,
        path: &Path,
        key: &str,
        organization_id: i64,
        position: i32,
        existing: Option<contact::Model>,
        input: &ContactInput,
    ) -> Result<Option<(contact::Model, Outcome)>, DbErr> {
        if !self
            .may_change::<organization::Entity>(path, organization_id, "organization")
            .await?
        {
            return Ok(None);
        }
        let before = self.errors.len();
        let name = self.check(&path.key("name"), parse_name(&input.name));
        let model = contact::Model {
            id: 0,
            external_id: key.to_owned(),
            organization_id,
            position,
            name: name.unwrap_or_default(),
            role: input.role.as_str().to_owned(),
            title: self.localized(&path.key("title"), &input.title),
            email: self.email(&path.key("email"), &input.email),
            phone: self.text(&path.key("phone"), &input.phone),
            address: self.text(&path.key("address"), &input.address),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        if self.errors.len() > before {
            return Ok(None);
        }
        let (saved, outcome) = self
            .store::<contact::ActiveModel>(NodeType::Contact, existing.as_ref(), model)
            .await?;
        self.keys.insert(Kind::Contact, key, saved.id);
        self.summary.record("contacts", outcome);
        Ok(Some((saved, outcome)))
    }

    // ----- vocabularies and systems -----------------------------------------------------

    pub async fn data_subject_category(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<data_subject_category::Model>,
        input: &DataSubjectCategoryInput,
    ) -> Result<Option<data_subject_category::Model>, DbErr> {
        if let Some(old) = &existing
            && !self
                .may_change::<data_subject_category::Entity>(path, old.id, "data subject category")
                .await?
        {
            return Ok(None);
        }
        let before = self.errors.len();
        if !self
            .unique_key(
                &path.key("externalId"),
                Kind::DataSubjectCategory,
                key,
                existing.as_ref().map(|m| m.id),
            )
            .await?
        {
            return Ok(None);
        }
        let model = data_subject_category::Model {
            id: 0,
            external_id: key.to_owned(),
            name: self.required_localized(&path.key("name"), &input.name, TextLimit::Name),
            description: self.localized(&path.key("description"), &input.description),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        if self.errors.len() > before {
            return Ok(None);
        }
        let (saved, outcome) = self
            .store::<data_subject_category::ActiveModel>(
                NodeType::DataSubjectCategory,
                existing.as_ref(),
                model,
            )
            .await?;
        self.keys.insert(Kind::DataSubjectCategory, key, saved.id);
        self.summary.record("dataSubjectCategories", outcome);
        Ok(Some(saved))
    }

    pub async fn data_category(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<data_category::Model>,
        input: &DataCategoryInput,
    ) -> Result<Option<data_category::Model>, DbErr> {
        if let Some(old) = &existing
            && !self
                .may_change::<data_category::Entity>(path, old.id, "data category")
                .await?
        {
            return Ok(None);
        }
        let before = self.errors.len();
        if !self
            .unique_key(
                &path.key("externalId"),
                Kind::DataCategory,
                key,
                existing.as_ref().map(|m| m.id),
            )
            .await?
        {
            return Ok(None);
        }
        let model = data_category::Model {
            id: 0,
            external_id: key.to_owned(),
            name: self.required_localized(&path.key("name"), &input.name, TextLimit::Name),
            description: self.localized(&path.key("description"), &input.description),
            special_category: input.special_category,
            criminal: input.criminal,
            national_identifier: input.national_identifier,
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        if self.errors.len() > before {
            return Ok(None);
        }
        let (saved, outcome) = self
            .store::<data_category::ActiveModel>(NodeType::DataCategory, existing.as_ref(), model)
            .await?;
        self.keys.insert(Kind::DataCategory, key, saved.id);
        self.summary.record("dataCategories", outcome);
        Ok(Some(saved))
    }

    pub async fn system(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<system::Model>,
        input: &SystemInput,
    ) -> Result<Option<system::Model>, DbErr> {
        if let Some(old) = &existing
            && !self
                .may_change::<system::Entity>(path, old.id, "system")
                .await?
        {
            return Ok(None);
        }
        let before = self.errors.len();
        if !self
            .unique_key(
                &path.key("externalId"),
                Kind::System,
                key,
                existing.as_ref().map(|m| m.id),
            )
            .await?
        {
            return Ok(None);
        }
        let name = self.check(&path.key("name"), parse_name(&input.name));
        let vendor_id = self
            .resolve_opt(&path.key("vendor"), Kind::Organization, &input.vendor)
            .await?;
        let model = system::Model {
            id: 0,
            external_id: key.to_owned(),
            name: name.unwrap_or_default(),
            vendor_id,
            hosting_countries: self
                .countries(&path.key("hostingCountries"), &input.hosting_countries),
            description: self.localized(&path.key("description"), &input.description),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        if self.errors.len() > before {
            return Ok(None);
        }
        let (saved, outcome) = self
            .store::<system::ActiveModel>(NodeType::System, existing.as_ref(), model)
            .await?;
        self.keys.insert(Kind::System, key, saved.id);
        self.summary.record("systems", outcome);
        Ok(Some(saved))
    }

    // ----- registers ----------------------------------------------------------------------

    pub async fn register(
        &mut self,
        path: &Path,
        key: &str,
        existing: Option<register::Model>,
        input: &RegisterInput,
    ) -> Result<Option<register::Model>, DbErr> {
        let before = self.errors.len();
        if !self
            .unique_key(
                &path.key("externalId"),
                Kind::Register,
                key,
                existing.as_ref().map(|m| m.id),
            )
            .await?
        {
            return Ok(None);
        }
        let slug = self.check(&path.key("slug"), parse_slug(&input.slug));
        if let Some(slug) = &slug {
            let taken = match &self.batch {
                Some(batch) => batch.slugs.get(slug.as_str()).is_some_and(|k| k != key),
                None => register::Entity::find()
                    .filter(register::Column::Slug.eq(slug.as_str()))
                    .filter(register::Column::ExternalId.ne(key))
                    .one(self.db)
                    .await?
                    .is_some(),
            };
            if taken {
                self.fail(
                    &path.key("slug"),
                    UserErrorCode::Duplicate,
                    format!("another register already has the slug \"{slug}\""),
                );
            }
        }
        let controller_id = self
            .resolve(
                &path.key("controller"),
                Kind::Organization,
                &input.controller,
            )
            .await?;
        if let (Some(id), Some(allowed)) = (controller_id, self.reach.controllers())
            && !allowed.contains(&id)
        {
            self.fail(
                &path.key("controller"),
                UserErrorCode::Forbidden,
                format!(
                    "this token may not act for the controller \"{}\"",
                    input.controller
                ),
            );
        }
        let dpo_id = self
            .resolve_opt(&path.key("dpo"), Kind::Contact, &input.dpo)
            .await?;
        let contact_person_id = self
            .resolve_opt(
                &path.key("contactPerson"),
                Kind::Contact,
                &input.contact_person,
            )
            .await?;
        let supervisory_authority_id = self
            .resolve_opt(
                &path.key("supervisoryAuthority"),
                Kind::Organization,
                &input.supervisory_authority,
            )
            .await?;
        let model = register::Model {
            id: 0,
            external_id: key.to_owned(),
            slug: slug.unwrap_or_default(),
            name: self.required_localized(&path.key("name"), &input.name, TextLimit::Name),
            description: self.localized(&path.key("description"), &input.description),
            status: input.status.as_str().to_owned(),
            controller_id: controller_id.unwrap_or_default(),
            dpo_id,
            contact_person_id,
            supervisory_authority_id,
            notice_prepared_on: input.notice_prepared_on,
            notice_updated_on: input.notice_updated_on,
            automated_decision_making: self.localized(
                &path.key("automatedDecisionMaking"),
                &input.automated_decision_making,
            ),
            other_information: self
                .localized(&path.key("otherInformation"), &input.other_information),
            note: self.text(&path.key("note"), &input.note),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        if self.errors.len() > before {
            return Ok(None);
        }
        let (mut saved, mut outcome) = self
            .store::<register::ActiveModel>(NodeType::Register, existing.as_ref(), model)
            .await?;
        self.keys.insert(Kind::Register, key, saved.id);
        // A register just created has no parts stored: a batch skips looking.
        let fresh = existing.is_none() && self.batch.is_some();
        if let Some(batch) = self.batch.as_mut() {
            if let Some(old) = &existing {
                batch.slugs.remove(&old.slug);
            }
            batch.slugs.insert(saved.slug.clone(), key.to_owned());
        }
        let parts = self.register_parts(path, &saved, input, fresh).await?;
        if outcome == Outcome::Unchanged && parts != Outcome::Unchanged {
            // A register's version counts changes to everything it owns.
            saved.version = touch::<register::Model, _>(self.db, saved.id, saved.version).await?;
            outcome = Outcome::Updated;
        }
        self.summary.record("registers", outcome);
        Ok(Some(saved))
    }

    /// Everything a register owns, each list replaced exactly when given.
    async fn register_parts(
        &mut self,
        path: &Path,
        reg: &register::Model,
        input: &RegisterInput,
        fresh: bool,
    ) -> Result<Outcome, DbErr> {
        let mut outcome = Outcome::Unchanged;
        if let Some(list) = &input.joint_controllers {
            let rows = self
                .joint_controllers(&path.key("jointControllers"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.joint),
                false => self.replace_joint_controllers(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        if let Some(list) = &input.systems {
            let rows = self
                .system_links(&path.key("systems"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.systems),
                false => self.replace_system_links(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        if let Some(list) = &input.data_subject_categories {
            let rows = self
                .subject_links(&path.key("dataSubjectCategories"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.subjects),
                false => self.replace_subject_links(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        if let Some(list) = &input.data_categories {
            let rows = self
                .category_links(&path.key("dataCategories"), reg.id, list)
                .await?;
            let done = match fresh {
                true => self.defer_links(reg.id, rows, |b| &mut b.categories),
                false => self.replace_category_links(reg.id, rows).await?,
            };
            outcome = combine(outcome, done);
        }
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            purposes,
            &input.purposes,
            "purposes",
            purpose,
            purpose,
            Purpose
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            sources,
            &input.sources,
            "sources",
            data_source,
            data_source,
            DataSource
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            recipients,
            &input.recipients,
            "recipients",
            recipient,
            recipient,
            Recipient
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            retention,
            &input.retention_rules,
            "retentionRules",
            retention_rule,
            retention_rule,
            RetentionRule
        );
        sync_parts!(
            self,
            path,
            reg,
            outcome,
            fresh,
            security,
            &input.security_measures,
            "securityMeasures",
            security_measure,
            security_measure,
            SecurityMeasure
        );
        if let Some(list) = &input.processors {
            outcome = combine(
                outcome,
                match fresh {
                    true => {
                        self.fresh_engagements(&path.key("processors"), reg, list)
                            .await?
                    }
                    false => self.engagements(&path.key("processors"), reg, list).await?,
                },
            );
        }
        if let Some(list) = &input.transfers {
            outcome = combine(
                outcome,
                self.transfers(&path.key("transfers"), reg, list, fresh)
                    .await?,
            );
        }
        Ok(outcome)
    }

    /// Brings a register's ordered parts to `rows`: position by position,
    /// updating what differs, inserting what is new, deleting what is left.
    async fn sync<A>(
        &mut self,
        node_type: NodeType,
        existing: Vec<<A::Entity as EntityTrait>::Model>,
        rows: Vec<Option<<A::Entity as EntityTrait>::Model>>,
    ) -> Result<Outcome, DbErr>
    where
        A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>
            + Stamped
            + PartialEq
            + Clone
            + serde::Serialize
            + ModelTrait<Entity = A::Entity>,
    {
        if rows.iter().any(Option::is_none) {
            return Ok(Outcome::Unchanged);
        }
        let mut outcome = Outcome::Unchanged;
        let count = rows.len();
        for (i, row) in rows.into_iter().flatten().enumerate() {
            let (_, done) = self.store::<A>(node_type, existing.get(i), row).await?;
            outcome = combine(
                outcome,
                if done == Outcome::Unchanged {
                    done
                } else {
                    Outcome::Updated
                },
            );
        }
        for extra in existing.into_iter().skip(count) {
            self.remove::<A>(node_type, extra).await?;
            outcome = Outcome::Updated;
        }
        Ok(outcome)
    }

    pub async fn purpose(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &PurposeInput,
    ) -> Result<Option<purpose::Model>, DbErr> {
        let before = self.errors.len();
        let legitimate_interest =
            self.localized(&path.key("legitimateInterest"), &input.legitimate_interest);
        if legitimate_interest.is_some()
            && input.legal_basis != Some(LegalBasis::LegitimateInterests)
        {
            self.fail(
                &path.key("legitimateInterest"),
                UserErrorCode::Invalid,
                "a legitimate interest is stated only when the legal basis is LEGITIMATE_INTERESTS",
            );
        }
        let model = purpose::Model {
            id: 0,
            register_id,
            position,
            description: self.required_localized(
                &path.key("description"),
                &input.description,
                TextLimit::Text,
            ),
            legal_basis: input.legal_basis.map(|b| b.as_str().to_owned()),
            legitimate_interest,
            special_category_condition: input
                .special_category_condition
                .map(|c| c.as_str().to_owned()),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        Ok((self.errors.len() == before).then_some(model))
    }

    pub async fn data_source(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &DataSourceInput,
    ) -> Result<Option<data_source::Model>, DbErr> {
        let before = self.errors.len();
        let model = data_source::Model {
            id: 0,
            register_id,
            position,
            kind: input.kind.as_str().to_owned(),
            description: self.required_localized(
                &path.key("description"),
                &input.description,
                TextLimit::Text,
            ),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        Ok((self.errors.len() == before).then_some(model))
    }

    pub async fn recipient(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &RecipientInput,
    ) -> Result<Option<recipient::Model>, DbErr> {
        let before = self.errors.len();
        let organization_id = self
            .resolve_opt(
                &path.key("organization"),
                Kind::Organization,
                &input.organization,
            )
            .await?;
        let description = self.localized(&path.key("description"), &input.description);
        if organization_id.is_none() && description.is_none() && self.errors.len() == before {
            self.fail(
                path,
                UserErrorCode::Required,
                "name the recipient organization or describe the category of recipients",
            );
        }
        let model = recipient::Model {
            id: 0,
            register_id,
            position,
            organization_id,
            description,
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        Ok((self.errors.len() == before).then_some(model))
    }

    pub async fn retention_rule(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &RetentionRuleInput,
    ) -> Result<Option<retention_rule::Model>, DbErr> {
        let before = self.errors.len();
        let data_category_id = self
            .resolve_opt(
                &path.key("dataCategory"),
                Kind::DataCategory,
                &input.data_category,
            )
            .await?;
        let criteria = self.localized(&path.key("criteria"), &input.criteria);
        match (input.amount, input.unit) {
            (Some(amount), _) if amount <= 0 => {
                self.fail(
                    &path.key("amount"),
                    UserErrorCode::Invalid,
                    format!(
                        "{amount} is not a positive whole number of days, weeks, months or years"
                    ),
                );
            }
            (Some(_), None) => self.fail(
                &path.key("unit"),
                UserErrorCode::Required,
                "a retention amount needs its unit (DAY, WEEK, MONTH or YEAR)",
            ),
            (None, Some(_)) => self.fail(
                &path.key("amount"),
                UserErrorCode::Required,
                "a retention unit needs its amount",
            ),
            (None, None) if criteria.is_none() => {
                self.fail(&path.key("amount"), UserErrorCode::Required, "state a period (amount and unit) or the criteria used to determine it (GDPR Art. 13(2)(a))");
            }
            _ => {}
        }
        let model = retention_rule::Model {
            id: 0,
            register_id,
            position,
            data_category_id,
            amount: input.amount,
            unit: input.unit.map(|u| u.as_str().to_owned()),
            trigger: self.localized(&path.key("trigger"), &input.trigger),
            criteria,
            exceptions: self.localized(&path.key("exceptions"), &input.exceptions),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        Ok((self.errors.len() == before).then_some(model))
    }

    pub async fn security_measure(
        &mut self,
        path: &Path,
        register_id: i64,
        position: i32,
        input: &SecurityMeasureInput,
    ) -> Result<Option<security_measure::Model>, DbErr> {
        let before = self.errors.len();
        let model = security_measure::Model {
            id: 0,
            register_id,
            position,
            kind: input.kind.as_str().to_owned(),
            material: input.material.map(|m| m.as_str().to_owned()),
            description: self.required_localized(
                &path.key("description"),
                &input.description,
                TextLimit::Text,
            ),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        Ok((self.errors.len() == before).then_some(model))
    }

    // ----- links ----------------------------------------------------------------------------

    async fn joint_controllers(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[JointControllerInput],
    ) -> Result<Vec<register_joint_controller::Model>, DbErr> {
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in list.iter().enumerate() {
            let path = path.index(i);
            let Some(organization_id) = self
                .resolve(
                    &path.key("organization"),
                    Kind::Organization,
                    &item.organization,
                )
                .await?
            else {
                continue;
            };
            if !seen.insert(organization_id) {
                self.fail(
                    &path.key("organization"),
                    UserErrorCode::Duplicate,
                    format!("\"{}\" is listed twice", item.organization),
                );
                continue;
            }
            rows.push(register_joint_controller::Model {
                id: 0,
                register_id,
                organization_id,
                position: i as i32,
                role: self.localized(&path.key("role"), &item.role),
                arrangement: self.localized(&path.key("arrangement"), &item.arrangement),
            });
        }
        Ok(rows)
    }

    async fn keyed_links(
        &mut self,
        path: &Path,
        kind: Kind,
        list: &[String],
    ) -> Result<Vec<i64>, DbErr> {
        let mut ids = Vec::new();
        for (i, key) in list.iter().enumerate() {
            let Some(id) = self.resolve(&path.index(i), kind, key).await? else {
                continue;
            };
            if ids.contains(&id) {
                self.fail(
                    &path.index(i),
                    UserErrorCode::Duplicate,
                    format!("\"{key}\" is listed twice"),
                );
            } else {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    async fn system_links(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[String],
    ) -> Result<Vec<register_system::Model>, DbErr> {
        let ids = self.keyed_links(path, Kind::System, list).await?;
        Ok(ids
            .into_iter()
            .enumerate()
            .map(|(i, system_id)| register_system::Model {
                id: 0,
                register_id,
                system_id,
                position: i as i32,
            })
            .collect())
    }

    async fn subject_links(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[String],
    ) -> Result<Vec<register_data_subject_category::Model>, DbErr> {
        let ids = self
            .keyed_links(path, Kind::DataSubjectCategory, list)
            .await?;
        Ok(ids
            .into_iter()
            .enumerate()
            .map(|(i, category_id)| register_data_subject_category::Model {
                id: 0,
                register_id,
                category_id,
                position: i as i32,
            })
            .collect())
    }

    async fn category_links(
        &mut self,
        path: &Path,
        register_id: i64,
        list: &[RegisterDataCategoryInput],
    ) -> Result<Vec<register_data_category::Model>, DbErr> {
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in list.iter().enumerate() {
            let path = path.index(i);
            let Some(category_id) = self
                .resolve(&path.key("category"), Kind::DataCategory, &item.category)
                .await?
            else {
                continue;
            };
            if !seen.insert(category_id) {
                self.fail(
                    &path.key("category"),
                    UserErrorCode::Duplicate,
                    format!("\"{}\" is listed twice", item.category),
                );
                continue;
            }
            rows.push(register_data_category::Model {
                id: 0,
                register_id,
                category_id,
                position: i as i32,
                note: self.localized(&path.key("note"), &item.note),
                justification: self.localized(&path.key("justification"), &item.justification),
            });
        }
        Ok(rows)
    }
}

/// Brings one kind of a register's ordered parts to the list given.
macro_rules! sync_parts {
    ($self:ident, $path:ident, $reg:ident, $outcome:ident, $fresh:ident, $buffer:ident, $list:expr, $key:literal, $module:ident, $build:ident, $node_type:ident) => {
        if let Some(list) = $list {
            let mut rows = Vec::new();
            for (i, item) in list.iter().enumerate() {
                rows.push(
                    $self
                        .$build(&$path.key($key).index(i), $reg.id, i as i32, item)
                        .await?,
                );
            }
            if $fresh {
                $outcome = combine($outcome, $self.defer_parts(rows, |b| &mut b.$buffer));
            } else {
                let existing = $module::Entity::find()
                    .filter($module::Column::RegisterId.eq($reg.id))
                    .order_by_asc($module::Column::Position)
                    .all($self.db)
                    .await?;
                $outcome = combine(
                    $outcome,
                    $self
                        .sync::<$module::ActiveModel>(NodeType::$node_type, existing, rows)
                        .await?,
                );
            }
        }
    };
}
use sync_parts;

/// Replacing a register's links: unchanged when the same rows in the same
/// order are already stored, otherwise deleted and written anew.
macro_rules! replace_links {
    ($name:ident, $module:ident, |$row:ident| $key:expr) => {
        impl<C: ConnectionTrait> Writer<'_, C> {
            async fn $name(
                &mut self,
                register_id: i64,
                rows: Vec<$module::Model>,
            ) -> Result<Outcome, DbErr> {
                if !self.errors.is_empty() {
                    return Ok(Outcome::Unchanged);
                }
                let existing = $module::Entity::find()
                    .filter($module::Column::RegisterId.eq(register_id))
                    .order_by_asc($module::Column::Position)
                    .all(self.db)
                    .await?;
                let same = existing.len() == rows.len()
                    && existing.iter().zip(&rows).all(|(a, b)| {
                        let $row = a;
                        let left = $key;
                        let $row = b;
                        left == $key
                    });
                if same {
                    return Ok(Outcome::Unchanged);
                }
                self.changes
                    .push(Change::links(register_id, &existing, &rows));
                $module::Entity::delete_many()
                    .filter($module::Column::RegisterId.eq(register_id))
                    .exec(self.db)
                    .await?;
                for row in rows {
                    insert_link::<$module::ActiveModel, _>(self.db, row).await?;
                }
                Ok(Outcome::Updated)
            }
        }
    };
}

replace_links!(replace_joint_controllers, register_joint_controller, |r| (
    r.organization_id,
    r.position,
    r.role.clone(),
    r.arrangement.clone()
));
replace_links!(replace_system_links, register_system, |r| (
    r.system_id,
    r.position
));
replace_links!(replace_subject_links, register_data_subject_category, |r| (
    r.category_id,
    r.position
));
replace_links!(replace_category_links, register_data_category, |r| (
    r.category_id,
    r.position,
    r.note.clone(),
    r.justification.clone()
));

// ----- processors and transfers ---------------------------------------------------------------

impl<C: ConnectionTrait> Writer<'_, C> {
    async fn engagements(
        &mut self,
        path: &Path,
        reg: &register::Model,
        list: &[ProcessorEngagementInput],
    ) -> Result<Outcome, DbErr> {
        let existing = processor_engagement::Entity::find()
            .filter(processor_engagement::Column::RegisterId.eq(reg.id))
            .all(self.db)
            .await?;
        let mut outcome = Outcome::Unchanged;
        let kept = self.child_keys(
            path,
            &reg.external_id,
            "processor",
            list.iter().map(|item| &item.external_id),
        );
        for (i, key) in &kept {
            let (i, item, path) = (*i, &list[*i], path.index(*i));
            let current = existing.iter().find(|e| &e.external_id == key).cloned();
            if current.is_none()
                && !self
                    .unique_key(&path.key("externalId"), Kind::Engagement, key, None)
                    .await?
            {
                continue;
            }
            // Parents may come later in the same list: insert first, link in a second pass.
            if let Some((_, done)) = self
                .engagement(&path, key, reg.id, i as i32, current, item, true)
                .await?
            {
                outcome = combine(outcome, done);
            }
        }
        for (i, key) in &kept {
            let (i, item) = (*i, &list[*i]);
            if item.parent.is_some() && self.errors.is_empty() {
                let current = processor_engagement::Entity::find()
                    .filter(processor_engagement::Column::ExternalId.eq(key.as_str()))
                    .one(self.db)
                    .await?;
                if let Some((_, done)) = self
                    .engagement(&path.index(i), key, reg.id, i as i32, current, item, false)
                    .await?
                {
                    outcome = combine(outcome, done);
                }
            }
        }
        for gone in existing
            .into_iter()
            .filter(|e| !kept.iter().any(|(_, key)| *key == e.external_id))
        {
            self.keys.remove(Kind::Engagement, &gone.external_id);
            self.remove::<processor_engagement::ActiveModel>(NodeType::ProcessorEngagement, gone)
                .await?;
            outcome = Outcome::Updated;
        }
        Ok(outcome)
    }

    /// A fresh register's engagements, inserted many at a time: first those
    /// without a parent, then each level of sub-processors once its parents
    /// have ids.
    async fn fresh_engagements(
        &mut self,
        path: &Path,
        reg: &register::Model,
        list: &[ProcessorEngagementInput],
    ) -> Result<Outcome, DbErr> {
        let mut waiting = Vec::new();
        let keys = self.child_keys(
            path,
            &reg.external_id,
            "processor",
            list.iter().map(|item| &item.external_id),
        );
        for (i, key) in keys {
            let path = path.index(i).key("externalId");
            if self.unique_key(&path, Kind::Engagement, &key, None).await? {
                waiting.push((i, key));
            }
        }
        let mut outcome = Outcome::Unchanged;
        while !waiting.is_empty() {
            let pending: HashSet<String> = waiting.iter().map(|(_, key)| key.clone()).collect();
            let (mut ready, rest): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|(i, _)| {
                list[*i]
                    .parent
                    .as_ref()
                    .is_none_or(|parent| !pending.contains(parent))
            });
            waiting = rest;
            if ready.is_empty() {
                // A cycle of parents: let the checks report it.
                ready = std::mem::take(&mut waiting);
            }
            let mut models = Vec::new();
            for (i, key) in &ready {
                let model = self
                    .engagement_model(
                        &path.index(*i),
                        key,
                        reg.id,
                        *i as i32,
                        None,
                        &list[*i],
                        false,
                    )
                    .await?;
                models.extend(model);
            }
            if !self.errors.is_empty() {
                // Nothing will be written; keep checking the rest as if it were.
                for model in &models {
                    self.keys
                        .insert(Kind::Engagement, &model.external_id, PENDING);
                }
                continue;
            }
            let saved =
                insert_stamped::<processor_engagement::ActiveModel, _>(self.db, models).await?;
            for row in saved {
                self.keys.insert(Kind::Engagement, &row.external_id, row.id);
                self.changes.push(Change::new(
                    NodeType::ProcessorEngagement,
                    row.id,
                    None,
                    Some(&row),
                ));
                self.summary
                    .record("processorEngagements", Outcome::Created);
                outcome = Outcome::Updated;
            }
        }
        Ok(outcome)
    }

    /// The keys of a register's keyed parts, with their positions: given, or
    /// derived from the position. A key listed twice is refused and left out.
    fn child_keys<'k>(
        &mut self,
        path: &Path,
        register_key: &str,
        noun: &str,
        given: impl Iterator<Item = &'k Option<String>>,
    ) -> Vec<(usize, String)> {
        let mut keys: Vec<(usize, String)> = Vec::new();
        for (i, given) in given.enumerate() {
            let path = path.index(i).key("externalId");
            let key = match given {
                Some(_) => match self.key(&path, given) {
                    Some(key) => key,
                    None => continue,
                },
                None => format!("{register_key}/{noun}-{}", i + 1),
            };
            if keys.iter().any(|(_, k)| *k == key) {
                self.fail(
                    &path,
                    UserErrorCode::Duplicate,
                    format!("\"{key}\" is listed twice"),
                );
                continue;
            }
            keys.push((i, key));
        }
        keys
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn engagement(
        &mut self,
        path: &Path,
        key: &str,
        register_id: i64,
        position: i32,
        existing: Option<processor_engagement::Model>,
        input: &ProcessorEngagementInput,
        defer_parent: bool,
    ) -> Result<Option<(processor_engagement::Model, Outcome)>, DbErr> {
        let Some(model) = self
            .engagement_model(
                path,
                key,
                register_id,
                position,
                existing.as_ref(),
                input,
                defer_parent,
            )
            .await?
        else {
            return Ok(None);
        };
        let (saved, outcome) = self
            .store::<processor_engagement::ActiveModel>(
                NodeType::ProcessorEngagement,
                existing.as_ref(),
                model,
            )
            .await?;
        self.keys.insert(Kind::Engagement, key, saved.id);
        if !defer_parent || input.parent.is_none() {
            self.summary.record("processorEngagements", outcome);
        }
        Ok(Some((saved, outcome)))
    }

    /// Checks an engagement and builds its row.
    #[allow(clippy::too_many_arguments)]
    async fn engagement_model(
        &mut self,
        path: &Path,
        key: &str,
        register_id: i64,
        position: i32,
        existing: Option<&processor_engagement::Model>,
        input: &ProcessorEngagementInput,
        defer_parent: bool,
    ) -> Result<Option<processor_engagement::Model>, DbErr> {
        let before = self.errors.len();
        if let Some(current) = existing
            && current.register_id != register_id
        {
            self.fail(
                &path.key("externalId"),
                UserErrorCode::Duplicate,
                format!("the processor engagement \"{key}\" belongs to another register"),
            );
            return Ok(None);
        }
        let processor_id = self
            .resolve(&path.key("processor"), Kind::Organization, &input.processor)
            .await?;
        let parent_id = match (&input.parent, defer_parent) {
            (Some(parent), false) => {
                let id = self
                    .resolve(&path.key("parent"), Kind::Engagement, parent)
                    .await?;
                if parent == key {
                    self.fail(
                        &path.key("parent"),
                        UserErrorCode::Invalid,
                        "an engagement cannot be its own parent",
                    );
                }
                id
            }
            // Keep a stored parent while the second pass is pending.
            (Some(_), true) => existing.and_then(|e| e.parent_id),
            (None, _) => None,
        };
        let role = input.role.unwrap_or(if input.parent.is_some() {
            EngagementRole::SubProcessor
        } else {
            EngagementRole::Processor
        });
        if role == EngagementRole::Processor && input.parent.is_some() {
            self.fail(
                &path.key("role"),
                UserErrorCode::Invalid,
                "an engagement with a parent is a SUB_PROCESSOR",
            );
        }
        let model = processor_engagement::Model {
            id: 0,
            external_id: key.to_owned(),
            register_id,
            position,
            processor_id: processor_id.unwrap_or_default(),
            parent_id,
            role: role.as_str().to_owned(),
            service: self.localized(&path.key("service"), &input.service),
            processing_countries: self.countries(
                &path.key("processingCountries"),
                &input.processing_countries,
            ),
            contract_date: input.contract_date,
            contract_reference: self
                .text(&path.key("contractReference"), &input.contract_reference),
            conditions: self.localized(&path.key("conditions"), &input.conditions),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        Ok((self.errors.len() == before).then_some(model))
    }

    async fn transfers(
        &mut self,
        path: &Path,
        reg: &register::Model,
        list: &[TransferInput],
        fresh: bool,
    ) -> Result<Outcome, DbErr> {
        let existing = match fresh {
            true => Vec::new(),
            false => {
                transfer::Entity::find()
                    .filter(transfer::Column::RegisterId.eq(reg.id))
                    .all(self.db)
                    .await?
            }
        };
        let mut outcome = Outcome::Unchanged;
        let kept = self.child_keys(
            path,
            &reg.external_id,
            "transfer",
            list.iter().map(|item| &item.external_id),
        );
        for (i, key) in &kept {
            let (i, item, path) = (*i, &list[*i], path.index(*i));
            let current = existing.iter().find(|t| &t.external_id == key).cloned();
            if current.is_none()
                && !self
                    .unique_key(&path.key("externalId"), Kind::Transfer, key, None)
                    .await?
            {
                continue;
            }
            if let Some((_, done)) = self
                .transfer(&path, key, reg.id, i as i32, current, item)
                .await?
            {
                outcome = combine(outcome, done);
            }
        }
        for gone in existing
            .into_iter()
            .filter(|t| !kept.iter().any(|(_, key)| *key == t.external_id))
        {
            self.keys.remove(Kind::Transfer, &gone.external_id);
            self.remove::<transfer::ActiveModel>(NodeType::Transfer, gone)
                .await?;
            outcome = Outcome::Updated;
        }
        Ok(outcome)
    }

    pub async fn transfer(
        &mut self,
        path: &Path,
        key: &str,
        register_id: i64,
        position: i32,
        existing: Option<transfer::Model>,
        input: &TransferInput,
    ) -> Result<Option<(transfer::Model, Outcome)>, DbErr> {
        let before = self.errors.len();
        if let Some(current) = &existing
            && current.register_id != register_id
        {
            self.fail(
                &path.key("externalId"),
                UserErrorCode::Duplicate,
                format!("the transfer \"{key}\" belongs to another register"),
            );
            return Ok(None);
        }
        let recipient_id = self
            .resolve_opt(&path.key("recipient"), Kind::Organization, &input.recipient)
            .await?;
        let engagement_id = self
            .resolve_opt(&path.key("engagement"), Kind::Engagement, &input.engagement)
            .await?;
        let destination = self.country(&path.key("destinationCountry"), &input.destination_country);
        if let (Some(from), Some(to)) = (input.valid_from, input.valid_to)
            && to < from
        {
            self.fail(
                &path.key("validTo"),
                UserErrorCode::Invalid,
                format!("{to} is before validFrom {from}"),
            );
        }
        let model = transfer::Model {
            id: 0,
            external_id: key.to_owned(),
            register_id,
            position,
            recipient_id,
            engagement_id,
            destination_country: destination.map(|c| c.to_string()),
            mechanism: input.mechanism.as_str().to_owned(),
            safeguard_reference: self
                .text(&path.key("safeguardReference"), &input.safeguard_reference),
            signed_on: input.signed_on,
            certification_checked_on: input.certification_checked_on,
            valid_from: input.valid_from,
            valid_to: input.valid_to,
            description: self.localized(&path.key("description"), &input.description),
            created_at: placeholder_time(),
            updated_at: placeholder_time(),
            version: 0,
        };
        if self.errors.len() > before {
            return Ok(None);
        }
        if existing.is_none()
            && let Some(batch) = self.batch.as_mut()
        {
            // Inserted with the batch; until then the key is only taken.
            batch.rows.transfers.push(model.clone());
            self.keys.insert(Kind::Transfer, key, PENDING);
            self.summary.record("transfers", Outcome::Created);
            return Ok(Some((model, Outcome::Created)));
        }
        let (saved, outcome) = self
            .store::<transfer::ActiveModel>(NodeType::Transfer, existing.as_ref(), model)
            .await?;
        self.keys.insert(Kind::Transfer, key, saved.id);
        self.summary.record("transfers", outcome);
        Ok(Some((saved, outcome)))
    }
}
