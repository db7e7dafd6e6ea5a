//! How far a caller reaches into the graph. A token limited to some
//! controllers reaches their registers, everything those registers own, and
//! the shared nodes — organizations, their contacts, data and data subject
//! categories, systems — that those registers lead to. Nothing else exists
//! for it: every read and write narrows its queries with the conditions here,
//! so another controller's node answers exactly as a node that is not there.

use std::sync::{Arc, LazyLock};

use entity::{
    contact, data_category, data_source, data_subject_category, notice_version, organization,
    processor_engagement, purpose, recipient, register, register_data_category,
    register_data_subject_category, register_joint_controller, register_system, retention_rule,
    security_measure, system, transfer,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PrimaryKeyTrait, QueryFilter,
    QuerySelect, QueryTrait, Select, sea_query::SelectStatement,
};

/// The part of the graph a caller may see and change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Every controller: a token without a controllers claim, or local mode.
    All,
    /// The registers of these controllers (organization ids) and what they lead to.
    Controllers(Arc<[i64]>),
}

static NOTHING: LazyLock<Reach> = LazyLock::new(|| Reach::Controllers(Arc::from([])));

impl Reach {
    /// Reaches nothing: what a request without a known caller gets.
    pub fn nothing() -> &'static Reach {
        &NOTHING
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Reach::All)
    }

    /// The controllers a limited caller acts for; `None` for all of them.
    pub fn controllers(&self) -> Option<&[i64]> {
        match self {
            Reach::All => None,
            Reach::Controllers(ids) => Some(ids),
        }
    }

    /// Narrows a query to the rows the caller reaches.
    pub fn filter<E: Scoped>(&self, select: Select<E>) -> Select<E> {
        match self {
            Reach::All => select,
            Reach::Controllers(ids) => select.filter(E::within(ids)),
        }
    }

    /// Whether the caller reaches the row `id` of `E`.
    pub async fn reaches<E, C>(&self, db: &C, id: i64) -> Result<bool, DbErr>
    where
        E: Scoped,
        E::PrimaryKey: PrimaryKeyTrait<ValueType = i64>,
        C: ConnectionTrait,
    {
        match self {
            Reach::All => Ok(true),
            Reach::Controllers(ids) => Ok(E::find_by_id(id)
                .filter(E::within(ids))
                .one(db)
                .await?
                .is_some()),
        }
    }
}

/// An entity whose rows a limited caller may or may not reach.
pub trait Scoped: EntityTrait {
    /// The rows reached by a caller acting for `controllers`.
    fn within(controllers: &[i64]) -> Condition;
}

/// Which registers a condition is about: the caller's controllers' own, or
/// everyone else's (what a limited writer must not change under them).
#[derive(Clone, Copy)]
enum Registers<'a> {
    Of(&'a [i64]),
    NotOf(&'a [i64]),
}

impl Registers<'_> {
    fn condition(self) -> Condition {
        let column = register::Column::ControllerId;
        match self {
            Registers::Of(c) => Condition::all().add(column.is_in(c.iter().copied())),
            Registers::NotOf(c) => Condition::all().add(column.is_not_in(c.iter().copied())),
        }
    }
}

/// `SELECT id FROM register WHERE controller_id [NOT] IN (…)`.
fn register_ids(registers: Registers<'_>) -> SelectStatement {
    register::Entity::find()
        .select_only()
        .column(register::Column::Id)
        .filter(registers.condition())
        .into_query()
}

/// `SELECT column FROM table WHERE register_id IN (those registers)`.
macro_rules! of_registers {
    ($module:ident, $column:ident, $registers:expr) => {
        $module::Entity::find()
            .select_only()
            .column($module::Column::$column)
            .filter($module::Column::RegisterId.in_subquery(register_ids($registers)))
            .into_query()
    };
}

/// `SELECT column FROM register WHERE (those registers)`.
fn of_own_registers(column: register::Column, registers: Registers<'_>) -> SelectStatement {
    register::Entity::find()
        .select_only()
        .column(column)
        .filter(registers.condition())
        .filter(column.is_not_null())
        .into_query()
}

impl Scoped for register::Entity {
    fn within(controllers: &[i64]) -> Condition {
        Condition::all().add(register::Column::ControllerId.is_in(controllers.iter().copied()))
    }
}

macro_rules! owned_by_registers {
    ($($module:ident),* $(,)?) => {
        $(
            impl Scoped for $module::Entity {
                fn within(controllers: &[i64]) -> Condition {
                    Condition::all()
                        .add($module::Column::RegisterId.in_subquery(register_ids(Registers::Of(controllers))))
                }
            }
        )*
    };
}

owned_by_registers!(
    purpose,
    data_source,
    recipient,
    processor_engagement,
    transfer,
    retention_rule,
    security_measure,
    notice_version,
    register_data_category,
    register_data_subject_category,
    register_joint_controller,
    register_system,
);

/// The organization ids a limited caller reaches.
fn organization_ids(controllers: &[i64]) -> SelectStatement {
    organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .filter(organization::Entity::within(controllers))
        .into_query()
}

impl Scoped for organization::Entity {
    /// Its own controllers, and every organization its registers name.
    fn within(controllers: &[i64]) -> Condition {
        Condition::any()
            .add(organization::Column::Id.is_in(controllers.iter().copied()))
            .add(named_by(Registers::Of(controllers)))
    }
}

/// A shared node — an organization, a contact, a category, a system — that
/// registers of several controllers may depend on. A token limited to some
/// controllers may not change one that registers of other controllers
/// depend on: their records and notices are compiled from it.
pub trait Shared: EntityTrait {
    /// The rows that registers of other controllers than `controllers` depend on.
    fn used_by_others(controllers: &[i64]) -> Condition;
}

impl Reach {
    /// Whether registers outside the caller's reach depend on the row `id`;
    /// never for a caller that reaches everything.
    pub async fn shared_with_others<E, C>(&self, db: &C, id: i64) -> Result<bool, DbErr>
    where
        E: Shared,
        E::PrimaryKey: PrimaryKeyTrait<ValueType = i64>,
        C: ConnectionTrait,
    {
        match self {
            Reach::All => Ok(false),
            Reach::Controllers(ids) => Ok(E::find_by_id(id)
                .filter(E::used_by_others(ids))
                .one(db)
                .await?
                .is_some()),
        }
    }
}

impl Shared for organization::Entity {
    /// The other controllers themselves, and what their registers name;
    /// never the caller's own controllers, whose records are theirs even
    /// when another controller's register names them.
    fn used_by_others(controllers: &[i64]) -> Condition {
        Condition::all()
            .add(organization::Column::Id.is_not_in(controllers.iter().copied()))
            .add(
                Condition::any()
                    .add(organization::Column::Id.in_subquery(of_own_registers(
                        register::Column::ControllerId,
                        Registers::NotOf(controllers),
                    )))
                    .add(named_by(Registers::NotOf(controllers))),
            )
    }
}

/// `SELECT id FROM organization WHERE (used by other controllers)`.
fn organizations_used_by_others(controllers: &[i64]) -> SelectStatement {
    organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .filter(organization::Entity::used_by_others(controllers))
        .into_query()
}

impl Shared for contact::Entity {
    /// The contacts of organizations other controllers depend on.
    fn used_by_others(controllers: &[i64]) -> Condition {
        Condition::all().add(
            contact::Column::OrganizationId.in_subquery(organizations_used_by_others(controllers)),
        )
    }
}

impl Shared for data_category::Entity {
    fn used_by_others(controllers: &[i64]) -> Condition {
        use data_category::Column::Id;
        let others = Registers::NotOf(controllers);
        Condition::any()
            .add(Id.in_subquery(of_registers!(register_data_category, CategoryId, others)))
            .add(Id.in_subquery(of_registers!(retention_rule, DataCategoryId, others)))
    }
}

impl Shared for data_subject_category::Entity {
    fn used_by_others(controllers: &[i64]) -> Condition {
        Condition::all().add(data_subject_category::Column::Id.in_subquery(of_registers!(
            register_data_subject_category,
            CategoryId,
            Registers::NotOf(controllers)
        )))
    }
}

impl Shared for system::Entity {
    fn used_by_others(controllers: &[i64]) -> Condition {
        Condition::all().add(system::Column::Id.in_subquery(of_registers!(
            register_system,
            SystemId,
            Registers::NotOf(controllers)
        )))
    }
}

/// The contacts a published notice names: the DPO and the contact person
/// of any register.
fn public_contacts() -> Condition {
    let named = |column: register::Column| {
        register::Entity::find()
            .select_only()
            .column(column)
            .filter(column.is_not_null())
            .into_query()
    };
    Condition::any()
        .add(contact::Column::Id.in_subquery(named(register::Column::DpoId)))
        .add(contact::Column::Id.in_subquery(named(register::Column::ContactPersonId)))
}

/// The organizations those registers name: as joint controller, supervisory
/// authority, processor or sub-processor, recipient, transfer recipient,
/// vendor of a system used, or employer of the DPO or contact person.
fn named_by(c: Registers<'_>) -> Condition {
    use organization::Column::Id;
    let systems_used = of_registers!(register_system, SystemId, c);
    let contacts_named = contact::Entity::find()
        .select_only()
        .column(contact::Column::OrganizationId)
        .filter(
            Condition::any()
                .add(contact::Column::Id.in_subquery(of_own_registers(register::Column::DpoId, c)))
                .add(
                    contact::Column::Id
                        .in_subquery(of_own_registers(register::Column::ContactPersonId, c)),
                ),
        )
        .into_query();
    Condition::any()
        .add(Id.in_subquery(of_registers!(register_joint_controller, OrganizationId, c)))
        .add(Id.in_subquery(of_own_registers(
            register::Column::SupervisoryAuthorityId,
            c,
        )))
        .add(Id.in_subquery(of_registers!(processor_engagement, ProcessorId, c)))
        .add(Id.in_subquery(of_registers!(recipient, OrganizationId, c)))
        .add(Id.in_subquery(of_registers!(transfer, RecipientId, c)))
        .add(
            Id.in_subquery(
                system::Entity::find()
                    .select_only()
                    .column(system::Column::VendorId)
                    .filter(system::Column::Id.in_subquery(systems_used))
                    .into_query(),
            ),
        )
        .add(Id.in_subquery(contacts_named))
}

impl Scoped for contact::Entity {
    /// The contacts of the organizations the caller reaches; of those that
    /// other controllers depend on, only the ones a notice names (what the
    /// public already sees).
    fn within(controllers: &[i64]) -> Condition {
        Condition::all()
            .add(contact::Column::OrganizationId.in_subquery(organization_ids(controllers)))
            .add(
                Condition::any()
                    .add(
                        contact::Column::OrganizationId
                            .not_in_subquery(organizations_used_by_others(controllers)),
                    )
                    .add(public_contacts()),
            )
    }
}

impl Scoped for data_category::Entity {
    /// The categories its registers hold or keep retention rules for.
    fn within(controllers: &[i64]) -> Condition {
        use data_category::Column::Id;
        Condition::any()
            .add(Id.in_subquery(of_registers!(
                register_data_category,
                CategoryId,
                Registers::Of(controllers)
            )))
            .add(Id.in_subquery(of_registers!(
                retention_rule,
                DataCategoryId,
                Registers::Of(controllers)
            )))
    }
}

impl Scoped for data_subject_category::Entity {
    fn within(controllers: &[i64]) -> Condition {
        Condition::all().add(data_subject_category::Column::Id.in_subquery(of_registers!(
            register_data_subject_category,
            CategoryId,
            Registers::Of(controllers)
        )))
    }
}

impl Scoped for system::Entity {
    fn within(controllers: &[i64]) -> Condition {
        Condition::all().add(system::Column::Id.in_subquery(of_registers!(
            register_system,
            SystemId,
            Registers::Of(controllers)
        )))
    }
}
