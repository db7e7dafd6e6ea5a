//! The data subject's rights as a notice must state them (GDPR Art. 13(2)(b)
//! to (d) and (f)): each right with the condition under which it applies,
//! derived from the legal bases the graph records. The derivation is plain
//! Rust so that findings, and later a per-right statement of the controller,
//! read the same answer the notice prints.
//!
//! - Access, rectification and restriction (Art. 15, 16, 18) hold whatever
//!   the basis.
//! - Erasure (Art. 17) is stated with the Art. 17(3)(b) limit where
//!   processing rests on a legal obligation or a public task.
//! - Portability (Art. 20(1)) only for consent or contract, and only for
//!   processing by automated means: the condition is stated with the right.
//! - Objection (Art. 21(1)) only for a public task or legitimate interests.
//! - Withdrawal of consent (Art. 7(3)) where consent is a basis (Art. 6(1)(a)
//!   or 9(2)(a)).
//! - Human intervention, one's point of view and contesting (Art. 22(3))
//!   where the register records automated decision-making.
//!
//! A right the register states itself (`register.rights`) replaces what is
//! derived for that right: APPLIES states it without the derived condition,
//! LIMITED with the conditions stated, DOES_NOT_APPLY says it does not apply.
//!
//! Where a purpose has no recorded basis, the rights that depend on the basis
//! are stated as undetermined for it, never left out in silence.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::domain::enums::{DataSubjectRight, LegalBasis, RightApplies, SpecialCategoryCondition};
use crate::graph::RegisterView;

/// A right of the data subject, in the order a notice lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Right {
    /// Art. 15.
    Access,
    /// Art. 16.
    Rectification,
    /// Art. 17.
    Erasure,
    /// Art. 18.
    Restriction,
    /// Art. 20.
    Portability,
    /// Art. 21.
    Object,
    /// Art. 7(3).
    WithdrawConsent,
    /// Art. 22(3): human intervention, one's point of view, contesting.
    AutomatedDecisionSafeguards,
}

impl Right {
    /// The right a register's statement is about.
    pub fn of(right: DataSubjectRight) -> Self {
        match right {
            DataSubjectRight::Access => Right::Access,
            DataSubjectRight::Rectification => Right::Rectification,
            DataSubjectRight::Erasure => Right::Erasure,
            DataSubjectRight::Restriction => Right::Restriction,
            DataSubjectRight::Portability => Right::Portability,
            DataSubjectRight::Objection => Right::Object,
            DataSubjectRight::WithdrawConsent => Right::WithdrawConsent,
            DataSubjectRight::AutomatedDecision => Right::AutomatedDecisionSafeguards,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Right::Access => "ACCESS",
            Right::Rectification => "RECTIFICATION",
            Right::Erasure => "ERASURE",
            Right::Restriction => "RESTRICTION",
            Right::Portability => "PORTABILITY",
            Right::Object => "OBJECT",
            Right::WithdrawConsent => "WITHDRAW_CONSENT",
            Right::AutomatedDecisionSafeguards => "AUTOMATED_DECISION_SAFEGUARDS",
        }
    }
}

/// When a stated right applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Condition {
    /// Whatever the basis.
    Always,
    /// Where the processing rests on one of these bases (for portability:
    /// and is carried out by automated means, Art. 20(1)(b)).
    OnBases(Vec<LegalBasis>),
    /// Except to the extent that processing is necessary for these bases
    /// (erasure: Art. 17(3)(b)).
    LimitedBy(Vec<LegalBasis>),
    /// Where a decision producing legal or similarly significant effects is
    /// based solely on automated processing and rests on Art. 22(2)(a) or (c).
    SolelyAutomatedDecision,
    /// The notice cannot say: the controller has not stated the basis of
    /// some of the processing, and the right depends on it.
    BasisNotStated,
    /// As the register states it, overriding what is derived.
    Declared(RightApplies),
}

impl Condition {
    pub fn as_str(&self) -> &'static str {
        match self {
            Condition::Always => "ALWAYS",
            Condition::OnBases(_) => "ON_BASES",
            Condition::LimitedBy(_) => "LIMITED_BY",
            Condition::SolelyAutomatedDecision => "SOLELY_AUTOMATED_DECISION",
            Condition::BasisNotStated => "BASIS_NOT_STATED",
            Condition::Declared(applies) => applies.as_str(),
        }
    }

    /// The bases the condition names, if any.
    pub fn bases(&self) -> &[LegalBasis] {
        match self {
            Condition::OnBases(b) | Condition::LimitedBy(b) => b,
            _ => &[],
        }
    }
}

/// A right with the condition under which the notice states it. One right
/// may be stated twice: on the bases it follows from, and as undetermined
/// for the processing whose basis is not stated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stated {
    pub right: Right,
    pub condition: Condition,
}

/// What the rights are derived from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grounds {
    /// The Art. 6(1) bases of the processing; explicit consent under Art.
    /// 9(2)(a) counts as consent (Art. 7(3) and 20(1)(a) name both).
    pub bases: BTreeSet<LegalBasis>,
    /// Some processing has no stated basis: a purpose without one, or no
    /// purpose recorded at all.
    pub basis_missing: bool,
    /// The register records automated decision-making.
    pub automated_decisions: bool,
    /// The rights the register states itself, in its order.
    pub statements: Vec<(Right, RightApplies)>,
}

impl Grounds {
    pub fn of(view: &RegisterView) -> Self {
        let register_bases = super::context::register_bases(view);
        let mut bases: BTreeSet<LegalBasis> = register_bases.iter().map(|b| b.basis).collect();
        // Bases stated once for the register cover every purpose.
        let mut basis_missing = view.purposes.is_empty() && register_bases.is_empty();
        for purpose in &view.purposes {
            match purpose.legal_basis.as_deref().and_then(LegalBasis::parse) {
                Some(basis) => {
                    bases.insert(basis);
                }
                None => basis_missing |= register_bases.is_empty(),
            }
            if purpose
                .special_category_condition
                .as_deref()
                .and_then(SpecialCategoryCondition::parse)
                == Some(SpecialCategoryCondition::ExplicitConsent)
            {
                bases.insert(LegalBasis::Consent);
            }
        }
        Self {
            bases,
            basis_missing,
            automated_decisions: view.register.automated_decision_making.is_some(),
            statements: super::context::right_statements(view)
                .iter()
                .map(|s| (Right::of(s.right), s.applies))
                .collect(),
        }
    }

    fn among(&self, wanted: &[LegalBasis]) -> Vec<LegalBasis> {
        wanted
            .iter()
            .copied()
            .filter(|b| self.bases.contains(b))
            .collect()
    }
}

/// The rights a notice states, in order, each with its condition.
pub fn derive(grounds: &Grounds) -> Vec<Stated> {
    use LegalBasis::*;
    let stated = |right, condition| Stated { right, condition };
    let mut out = vec![
        stated(Right::Access, Condition::Always),
        stated(Right::Rectification, Condition::Always),
    ];
    let limits = grounds.among(&[LegalObligation, PublicTask]);
    out.push(stated(
        Right::Erasure,
        if limits.is_empty() {
            Condition::Always
        } else {
            Condition::LimitedBy(limits)
        },
    ));
    out.push(stated(Right::Restriction, Condition::Always));
    for (right, follows_from) in [
        (Right::Portability, &[Consent, Contract][..]),
        (Right::Object, &[PublicTask, LegitimateInterests][..]),
        (Right::WithdrawConsent, &[Consent][..]),
    ] {
        let on = grounds.among(follows_from);
        if !on.is_empty() {
            out.push(stated(right, Condition::OnBases(on)));
        }
        if grounds.basis_missing {
            out.push(stated(right, Condition::BasisNotStated));
        }
    }
    if grounds.automated_decisions {
        out.push(stated(
            Right::AutomatedDecisionSafeguards,
            Condition::SolelyAutomatedDecision,
        ));
    }
    // What the register states of a right replaces what is derived for it,
    // in the right's place.
    for &(right, applies) in &grounds.statements {
        out.retain(|s| s.right != right);
        let at = out
            .iter()
            .position(|s| s.right > right)
            .unwrap_or(out.len());
        out.insert(at, stated(right, Condition::Declared(applies)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use LegalBasis::*;

    fn grounds(bases: &[LegalBasis], basis_missing: bool, automated: bool) -> Grounds {
        Grounds {
            bases: bases.iter().copied().collect(),
            basis_missing,
            automated_decisions: automated,
            statements: Vec::new(),
        }
    }

    /// The rights beyond Art. 15, 16 and 18, as (right, condition) pairs.
    fn conditional(g: &Grounds) -> Vec<(Right, Condition)> {
        derive(g)
            .into_iter()
            .filter(|s| {
                !matches!(
                    s.right,
                    Right::Access | Right::Rectification | Right::Restriction
                )
            })
            .map(|s| (s.right, s.condition))
            .collect()
    }

    #[test]
    fn access_rectification_and_restriction_hold_whatever_the_basis() {
        for g in [
            grounds(&[], true, false),
            grounds(&[LegalObligation], false, false),
            grounds(&[Consent, PublicTask], false, true),
        ] {
            let always: Vec<Right> = derive(&g)
                .into_iter()
                .filter(|s| s.condition == Condition::Always)
                .map(|s| s.right)
                .collect();
            for right in [Right::Access, Right::Rectification, Right::Restriction] {
                assert!(always.contains(&right), "{right:?} for {g:?}");
            }
        }
    }

    #[test]
    fn consent_gives_withdrawal_and_portability_by_automated_means() {
        assert_eq!(
            conditional(&grounds(&[Consent], false, false)),
            vec![
                (Right::Erasure, Condition::Always),
                (Right::Portability, Condition::OnBases(vec![Consent])),
                (Right::WithdrawConsent, Condition::OnBases(vec![Consent])),
            ]
        );
    }

    #[test]
    fn contract_gives_portability_and_nothing_to_object_to() {
        assert_eq!(
            conditional(&grounds(&[Contract], false, false)),
            vec![
                (Right::Erasure, Condition::Always),
                (Right::Portability, Condition::OnBases(vec![Contract])),
            ]
        );
    }

    #[test]
    fn a_public_task_limits_erasure_and_opens_objection() {
        assert_eq!(
            conditional(&grounds(&[PublicTask], false, false)),
            vec![
                (Right::Erasure, Condition::LimitedBy(vec![PublicTask])),
                (Right::Object, Condition::OnBases(vec![PublicTask])),
            ]
        );
    }

    #[test]
    fn a_legal_obligation_limits_erasure_and_gives_neither_portability_nor_objection() {
        assert_eq!(
            conditional(&grounds(&[LegalObligation, VitalInterests], false, false)),
            vec![(Right::Erasure, Condition::LimitedBy(vec![LegalObligation]))]
        );
        assert_eq!(
            conditional(&grounds(&[LegalObligation, PublicTask], false, false))[0],
            (
                Right::Erasure,
                Condition::LimitedBy(vec![LegalObligation, PublicTask])
            )
        );
    }

    #[test]
    fn legitimate_interests_open_objection_only() {
        assert_eq!(
            conditional(&grounds(&[LegitimateInterests], false, false)),
            vec![
                (Right::Erasure, Condition::Always),
                (Right::Object, Condition::OnBases(vec![LegitimateInterests])),
            ]
        );
    }

    #[test]
    fn a_missing_basis_makes_the_basis_bound_rights_undetermined_never_absent() {
        assert_eq!(
            conditional(&grounds(&[], true, false)),
            vec![
                (Right::Erasure, Condition::Always),
                (Right::Portability, Condition::BasisNotStated),
                (Right::Object, Condition::BasisNotStated),
                (Right::WithdrawConsent, Condition::BasisNotStated),
            ]
        );
        // Beside a stated basis, both: the right where it follows, and
        // undetermined for the rest.
        let mixed = conditional(&grounds(&[LegitimateInterests], true, false));
        assert!(mixed.contains(&(Right::Object, Condition::OnBases(vec![LegitimateInterests]))));
        assert!(mixed.contains(&(Right::Object, Condition::BasisNotStated)));
    }

    #[test]
    fn automated_decisions_bring_the_article_22_3_safeguards() {
        let with = conditional(&grounds(&[Contract], false, true));
        assert_eq!(
            with.last(),
            Some(&(
                Right::AutomatedDecisionSafeguards,
                Condition::SolelyAutomatedDecision
            ))
        );
        let without = conditional(&grounds(&[Contract], false, false));
        assert!(
            without
                .iter()
                .all(|(r, _)| *r != Right::AutomatedDecisionSafeguards)
        );
    }

    #[test]
    fn a_stated_right_replaces_the_derived_one_in_its_place() {
        // Legal obligation: erasure limited by Art. 17(3)(b), no objection.
        let mut g = grounds(&[LegalObligation], true, false);
        g.statements = vec![
            (Right::Erasure, RightApplies::DoesNotApply),
            (Right::Object, RightApplies::Limited),
            (Right::Portability, RightApplies::Applies),
        ];
        assert_eq!(
            conditional(&g),
            vec![
                (
                    Right::Erasure,
                    Condition::Declared(RightApplies::DoesNotApply)
                ),
                (
                    Right::Portability,
                    Condition::Declared(RightApplies::Applies)
                ),
                (Right::Object, Condition::Declared(RightApplies::Limited)),
                (Right::WithdrawConsent, Condition::BasisNotStated),
            ]
        );
        // Access stays first; the unstated rights keep their derivation.
        let all = derive(&g);
        assert_eq!(
            all[0],
            Stated {
                right: Right::Access,
                condition: Condition::Always
            }
        );
        assert_eq!(
            all.iter().filter(|s| s.right == Right::Erasure).count(),
            1,
            "{all:?}"
        );
    }
}
