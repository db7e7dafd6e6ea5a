//! A synthetic inventory of any size, for measuring performance at scale
//! (issue #6). The same seed and scale give the same document, byte for
//! byte: the generator draws from one seeded ChaCha8 stream in a fixed order
//! and keeps everything in vectors, never in hash maps. Every value passes
//! the importer's checks (Y-tunnus check digits, ISO country codes, unique
//! slugs and keys, valid e-mail addresses).
//!
//! The proportions follow what real records look like: about six data
//! categories and two or three purposes per register out of a shared taxonomy
//! of a few hundred categories, some of them special (Art. 9), national
//! identifiers (Art. 87) or criminal data (Art. 10); processors popular in a
//! long tail, some engaged as sub-processors of another; transfers mostly to
//! third countries on every kind of mechanism, some to the EEA.

mod random;
mod vocabulary;

use std::{collections::BTreeSet, io::Write as _};

use chrono::NaiveDate;

use self::{random::Random, vocabulary::*};
use crate::{
    config::GenerateArgs,
    domain::{
        Localized,
        enums::{
            ContactRole, EngagementRole, LegalBasis, RegisterStatus, SccVersion, TransferMechanism,
        },
        law::LawReference,
        value::CountryCode,
    },
    inventory::{self, document::*},
};

/// How many of each entity to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub controllers: usize,
    pub registers: usize,
    pub processors: usize,
    pub engagements: usize,
    pub transfers: usize,
}

impl Default for Scale {
    /// The scale issue #6 sets its targets at.
    fn default() -> Self {
        Self {
            controllers: 50,
            registers: 10_000,
            processors: 1_000,
            engagements: 40_000,
            transfers: 10_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{0}")]
    Scale(&'static str),
    #[error("writing the document: {0}")]
    Io(#[from] std::io::Error),
}

/// `ropagraph generate`: writes the document to the file or standard output.
pub fn run(args: &GenerateArgs) -> Result<(), GenerateError> {
    let scale = Scale {
        controllers: args.controllers,
        registers: args.registers,
        processors: args.processors,
        engagements: args.engagements,
        transfers: args.transfers,
    };
    let document = generate(args.seed, &scale)?;
    let text = inventory::to_text(&document);
    match &args.output {
        Some(path) => std::fs::write(path, text)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    eprintln!(
        "generated {} organizations, {} data categories, {} systems, {} registers, {} processor engagements, {} transfers (seed {})",
        document.organizations.len(),
        document.data_categories.len(),
        document.systems.len(),
        document.registers.len(),
        scale.engagements,
        scale.transfers,
        args.seed
    );
    Ok(())
}

fn loc(fi: &str, en: &str) -> Localized {
    Localized {
        fi: Some(fi.to_owned()),
        sv: None,
        en: Some(en.to_owned()),
    }
}

fn text(pair: Text) -> Localized {
    loc(pair.0, pair.1)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// Lower-case ASCII for addresses and slugs: "Pohjolan Energia" → "pohjolan-energia".
fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' => 'a',
            'ö' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A processor as the rest of the document refers to it.
struct Processor {
    key: String,
    stem: String,
    country: &'static str,
    in_eea: bool,
    service: usize,
}

struct Controller {
    key: String,
    slug: String,
}

/// One planned transfer of a register.
struct TransferPlan {
    /// Index of the register's engagement it happens under.
    engagement: Option<usize>,
    /// Index of the recipient processor.
    processor: Option<usize>,
}

struct Generator {
    seed: u64,
    random: Random,
    business_ids: BTreeSet<String>,
    names: BTreeSet<String>,
}

/// Generates the inventory document for `seed` at `scale`.
pub fn generate(seed: u64, scale: &Scale) -> Result<Document, GenerateError> {
    if scale.controllers == 0 {
        return Err(GenerateError::Scale(
            "--controllers must be at least 1: every register has a controller",
        ));
    }
    if scale.registers == 0 && (scale.engagements > 0 || scale.transfers > 0) {
        return Err(GenerateError::Scale(
            "processor engagements and transfers belong to registers: give --registers",
        ));
    }
    if scale.processors == 0 && scale.engagements > 0 {
        return Err(GenerateError::Scale(
            "processor engagements need processors: give --processors",
        ));
    }
    let mut generator = Generator {
        seed,
        random: Random::new(seed),
        business_ids: BTreeSet::new(),
        names: BTreeSet::new(),
    };
    Ok(generator.document(scale))
}

impl Generator {
    fn document(&mut self, scale: &Scale) -> Document {
        let mut organizations = vec![self.authority()];
        let mut controllers = Vec::with_capacity(scale.controllers);
        for i in 0..scale.controllers {
            let (org, controller) = self.controller(i);
            organizations.push(org);
            controllers.push(controller);
        }
        let mut processors = Vec::with_capacity(scale.processors);
        for i in 0..scale.processors {
            let (org, processor) = self.processor(i);
            organizations.push(org);
            processors.push(processor);
        }
        organizations.extend(RECIPIENTS.iter().map(|(key, name)| OrganizationInput {
            external_id: Some(format!("fi-authority/{key}")),
            name: (*name).to_owned(),
            country: Some("FI".into()),
            note: Some("generated: a recipient of disclosures".into()),
            contacts: Some(Vec::new()),
            ..OrganizationInput::default()
        }));
        let systems = self.systems(scale, &processors);
        let registers = self.registers(scale, &controllers, &processors, systems.len());
        Document {
            format: FORMAT.into(),
            organizations,
            data_subject_categories: SUBJECTS
                .iter()
                .map(|(key, fi, en)| DataSubjectCategoryInput {
                    external_id: Some((*key).to_owned()),
                    name: loc(fi, en),
                    description: None,
                })
                .collect(),
            data_categories: data_categories(),
            systems,
            registers,
        }
    }

    fn authority(&mut self) -> OrganizationInput {
        OrganizationInput {
            external_id: Some("tietosuojavaltuutettu".into()),
            name: "Tietosuojavaltuutetun toimisto".into(),
            business_id: None,
            country: Some("FI".into()),
            postal_address: Some("PL 800\n00531 Helsinki".into()),
            visiting_address: Some("Lintulahdenkuja 4\n00530 Helsinki".into()),
            email: Some("tietosuoja@om.fi".into()),
            phone: Some("029 566 6700".into()),
            website: Some("tietosuoja.fi".into()),
            channels: Vec::new(),
            note: Some("generated: the Finnish supervisory authority".into()),
            contacts: Some(Vec::new()),
        }
    }

    /// A Y-tunnus no other generated organization has, with a valid check digit.
    fn finnish_business_id(&mut self) -> String {
        loop {
            let body = self.random.below(4_000_000);
            let digits = format!("{body:07}");
            let sum: u32 = digits
                .bytes()
                .zip([7, 9, 10, 5, 8, 4, 2])
                .map(|(d, w)| u32::from(d - b'0') * w)
                .sum();
            let check = match sum % 11 {
                0 => 0,
                1 => continue,
                remainder => 11 - remainder,
            };
            let id = format!("{digits}-{check}");
            if self.business_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// A name no other generated organization has: `candidate` drawn again a
    /// few times, then numbered.
    fn unique_name(&mut self, index: usize, candidate: impl Fn(&mut Random) -> String) -> String {
        for _ in 0..5 {
            let name = candidate(&mut self.random);
            if self.names.insert(name.clone()) {
                return name;
            }
        }
        let name = format!("{} {}", candidate(&mut self.random), index + 1);
        self.names.insert(name.clone());
        name
    }

    fn person(&mut self) -> (String, String) {
        let first = *self.random.pick(&FIRST_NAMES);
        let last = *self.random.pick(&LAST_NAMES);
        let name = format!("{first} {last}");
        let local = format!("{}.{}", slugify(first), slugify(last));
        (name, local)
    }

    fn phone(&mut self) -> String {
        let prefix = *self.random.pick(&["040", "050", "044", "045", "09", "020"]);
        format!(
            "{prefix} {:03} {:04}",
            self.random.below(1000),
            self.random.below(10_000)
        )
    }

    fn address(&mut self) -> String {
        let (city, code) = *self.random.pick(&CITIES);
        let street = *self.random.pick(&STREETS);
        format!("{street} {}\n{code} {city}", 1 + self.random.below(60))
    }

    fn controller(&mut self, i: usize) -> (OrganizationInput, Controller) {
        let stem = self.unique_name(i, |random| {
            let first = *random.pick(&FI_STEMS);
            let trade = *random.pick(&FI_TRADES);
            if first.ends_with('n') {
                format!("{first} {}", capitalize(trade))
            } else {
                format!("{first}{trade}")
            }
        });
        let form = match self.random.below(10) {
            0 => "Oyj",
            1 => "ry",
            _ => "Oy",
        };
        let key = format!("controller-{:03}", i + 1);
        let slug = slugify(&stem);
        let domain = format!("{slug}.fi");
        let (dpo, dpo_local) = self.person();
        let (contact, contact_local) = self.person();
        let contacts = vec![
            ContactInput {
                external_id: Some(format!("{key}/dpo")),
                name: dpo,
                role: ContactRole::Dpo,
                title: Some(loc("Tietosuojavastaava", "Data protection officer")),
                email: Some(format!(
                    "{}@{domain}",
                    if self.random.chance(0.5) {
                        "tietosuoja"
                    } else {
                        &dpo_local
                    }
                )),
                phone: Some(self.phone()),
                address: None,
            },
            ContactInput {
                external_id: Some(format!("{key}/contact-person")),
                name: contact,
                role: ContactRole::ContactPerson,
                title: None,
                email: Some(format!("{contact_local}@{domain}")),
                phone: Some(self.phone()),
                address: self.random.chance(0.3).then(|| self.address()),
            },
            ContactInput {
                external_id: Some(format!("{key}/customer-service")),
                name: "Asiakaspalvelu".into(),
                role: ContactRole::CustomerService,
                title: None,
                email: Some(format!("asiakaspalvelu@{domain}")),
                phone: Some(self.phone()),
                address: None,
            },
        ];
        let org = OrganizationInput {
            external_id: Some(key.clone()),
            name: format!("{stem} {form}"),
            business_id: Some(self.finnish_business_id()),
            country: Some("FI".into()),
            postal_address: Some(self.address()),
            visiting_address: self.random.chance(0.4).then(|| self.address()),
            email: Some(format!("info@{domain}")),
            phone: Some(self.phone()),
            website: Some(format!("www.{domain}")),
            channels: Vec::new(),
            note: Some(format!(
                "generated: seed {}, controller {}",
                self.seed,
                i + 1
            )),
            contacts: Some(contacts),
        };
        (org, Controller { key, slug })
    }

    fn processor(&mut self, i: usize) -> (OrganizationInput, Processor) {
        let weights: Vec<f64> = COUNTRIES.iter().map(|c| c.weight).collect();
        let country = &COUNTRIES[self.random.weighted(&weights)];
        let finnish = country.code == "FI";
        let stem = self.unique_name(i, |random| {
            if finnish {
                let first = *random.pick(&FI_STEMS);
                format!("{first}{}", random.pick(&FI_TRADES))
            } else {
                format!(
                    "{}{}{}",
                    random.pick(&VENDOR_STEMS),
                    random.pick(&VENDOR_ENDINGS),
                    random.pick(&VENDOR_WORDS)
                )
            }
        });
        let domain = format!("{}.{}", slugify(&stem), country.tld);
        let business_id = match country.code {
            "FI" if self.random.chance(0.9) => Some(self.finnish_business_id()),
            "SE" => Some(format!(
                "556{:03}-{:04}",
                self.random.below(1000),
                self.random.below(10_000)
            )),
            "DE" => Some(format!("HRB {:06}", self.random.below(1_000_000))),
            "US" if self.random.chance(0.7) => Some(format!(
                "EIN {:02}-{:07}",
                10 + self.random.below(90),
                self.random.below(10_000_000)
            )),
            "GB" => Some(format!("{:08}", self.random.below(100_000_000))),
            _ => None,
        };
        let key = format!("processor-{:04}", i + 1);
        let contacts = if self.random.chance(0.4) {
            vec![ContactInput {
                external_id: Some(format!("{key}/privacy")),
                name: if finnish {
                    "Tietosuojatiimi".into()
                } else {
                    "Privacy Team".into()
                },
                role: ContactRole::Other,
                title: None,
                email: Some(format!("privacy@{domain}")),
                phone: None,
                address: None,
            }]
        } else {
            Vec::new()
        };
        let org = OrganizationInput {
            external_id: Some(key.clone()),
            name: format!("{stem} {}", country.legal_form),
            business_id,
            country: Some(country.code.into()),
            postal_address: finnish.then(|| self.address()),
            visiting_address: None,
            email: Some(format!("privacy@{domain}")),
            phone: finnish.then(|| self.phone()),
            website: Some(format!("https://www.{domain}")),
            channels: Vec::new(),
            note: Some(format!(
                "generated: seed {}, processor {}",
                self.seed,
                i + 1
            )),
            contacts: Some(contacts),
        };
        let processor = Processor {
            key,
            stem,
            country: country.code,
            in_eea: CountryCode::parse(country.code).is_ok_and(|c| c.in_eea()),
            service: self.random.below(SERVICES.len()),
        };
        (org, processor)
    }

    fn systems(&mut self, scale: &Scale, processors: &[Processor]) -> Vec<SystemInput> {
        let count = (scale.registers / 25).max(5);
        (0..count)
            .map(|i| {
                let vendor = (!processors.is_empty())
                    .then(|| &processors[self.random.skewed(processors.len())]);
                let service = vendor.map_or_else(
                    || self.random.below(SERVICES.len()),
                    |vendor| vendor.service,
                );
                let (fi, en, product) = SERVICES[service];
                let mut hosting = Vec::new();
                if let Some(vendor) = vendor {
                    hosting.push(vendor.country.to_owned());
                    if vendor.country != "IE" && self.random.chance(0.2) {
                        hosting.push("IE".into());
                    }
                }
                SystemInput {
                    external_id: Some(format!("system-{:04}", i + 1)),
                    name: match vendor {
                        Some(vendor) => format!("{} {product}", vendor.stem),
                        None => format!("{product} {}", i + 1),
                    },
                    vendor: vendor.map(|v| v.key.clone()),
                    hosting_countries: hosting,
                    description: self.random.chance(0.5).then(|| loc(fi, en)),
                    localized_name: None,
                }
            })
            .collect()
    }

    fn registers(
        &mut self,
        scale: &Scale,
        controllers: &[Controller],
        processors: &[Processor],
        systems: usize,
    ) -> Vec<RegisterInput> {
        // Engagements fall on registers at random (some have none, a few many),
        // each register's processors drawn from a long tail of popularity.
        let mut counts = vec![0usize; scale.registers];
        for _ in 0..scale.engagements {
            counts[self.random.below(scale.registers)] += 1;
        }
        let engaged: Vec<Vec<usize>> = counts
            .iter()
            .map(|&count| self.processor_picks(count, processors.len()))
            .collect();
        let transfers = self.plan_transfers(scale, processors, &engaged);
        engaged
            .iter()
            .zip(transfers)
            .enumerate()
            .map(|(i, (engaged, transfers))| {
                self.register(i, controllers, processors, systems, engaged, &transfers)
            })
            .collect()
    }

    /// `count` processors for one register, distinct while there are enough.
    fn processor_picks(&mut self, count: usize, available: usize) -> Vec<usize> {
        let mut picks: Vec<usize> = Vec::with_capacity(count);
        for _ in 0..count {
            let mut pick = self.random.skewed(available);
            for _ in 0..20 {
                if !picks.contains(&pick) {
                    break;
                }
                pick = self.random.skewed(available);
            }
            picks.push(pick);
        }
        picks
    }

    /// About one transfer in eight stays in the EEA; the rest go to third
    /// countries under the engagement of a processor there, and what the
    /// engagements cannot carry is recorded without one.
    fn plan_transfers(
        &mut self,
        scale: &Scale,
        processors: &[Processor],
        engaged: &[Vec<usize>],
    ) -> Vec<Vec<TransferPlan>> {
        let (mut inside, mut outside) = (Vec::new(), Vec::new());
        for (r, picks) in engaged.iter().enumerate() {
            for (j, &p) in picks.iter().enumerate() {
                if processors[p].in_eea {
                    inside.push((r, j));
                } else {
                    outside.push((r, j));
                }
            }
        }
        let total = scale.transfers;
        let take_out = (total - total / 8).min(outside.len());
        let take_in = (total - take_out).min(inside.len());
        let mut chosen: Vec<(usize, usize)> = self
            .random
            .distinct(outside.len(), take_out)
            .into_iter()
            .map(|k| outside[k])
            .chain(
                self.random
                    .distinct(inside.len(), take_in)
                    .into_iter()
                    .map(|k| inside[k]),
            )
            .collect();
        chosen.sort_unstable();
        let mut plans: Vec<Vec<TransferPlan>> = (0..scale.registers).map(|_| Vec::new()).collect();
        for (r, j) in chosen {
            plans[r].push(TransferPlan {
                engagement: Some(j),
                processor: Some(engaged[r][j]),
            });
        }
        let third: Vec<usize> = (0..processors.len())
            .filter(|&p| !processors[p].in_eea)
            .collect();
        for _ in take_out + take_in..total {
            let r = self.random.below(scale.registers);
            let processor = (!third.is_empty()).then(|| *self.random.pick(&third));
            plans[r].push(TransferPlan {
                engagement: None,
                processor,
            });
        }
        plans
    }

    fn register(
        &mut self,
        i: usize,
        controllers: &[Controller],
        processors: &[Processor],
        systems: usize,
        engaged: &[usize],
        transfers: &[TransferPlan],
    ) -> RegisterInput {
        let topic = &TOPICS[self.random.below(TOPICS.len())];
        let c = self.random.below(controllers.len());
        let controller = &controllers[c];
        let key = format!("{}/{}-{:05}", controller.key, topic.stem, i + 1);
        let unit = *self.random.pick(&UNITS);
        let categories = self.register_categories();
        let engagements = self.engagements(&key, processors, engaged);
        let special = categories
            .iter()
            .any(|&k| CATEGORIES[k / CONTEXTS.len()].special);
        let prepared = self.random.date(date(2018, 5, 25), date(2024, 12, 31));
        let updated = self.random.chance(0.8).then(|| {
            let later = prepared + chrono::Duration::days(self.random.below(600) as i64);
            later.min(date(2025, 12, 31))
        });
        let joint_controllers = if controllers.len() > 1 && self.random.chance(0.05) {
            let other = (c + 1 + self.random.below(controllers.len() - 1)) % controllers.len();
            vec![JointControllerInput {
                organization: controllers[other].key.clone(),
                role: Some(loc("Palvelun tuottaja", "Producer of the service")),
                arrangement: Some(loc(
                    "Rekisterinpitäjät vastaavat yhdessä rekisteröityjen informoinnista; pyynnöt käsittelee rekisterinpitäjä.",
                    "The controllers are jointly responsible for informing data subjects; requests are handled by the controller.",
                )),
            }]
        } else {
            Vec::new()
        };
        RegisterInput {
            slug: format!("{}-{}-{}", controller.slug, topic.stem, i + 1),
            name: loc(
                &format!("{} – {}", topic.name.0, unit.0),
                &format!("{} – {}", topic.name.1, unit.1),
            ),
            description: self.random.chance(0.4).then(|| {
                loc(
                    &format!("{}, {}.", topic.name.0, unit.0),
                    &format!("{}, {}.", topic.name.1, unit.1),
                )
            }),
            status: match self.random.below(100) {
                0..=84 => RegisterStatus::Active,
                85..=92 => RegisterStatus::Draft,
                _ => RegisterStatus::Retired,
            },
            controller: controller.key.clone(),
            joint_controllers: Some(joint_controllers),
            dpo: self
                .random
                .chance(0.95)
                .then(|| format!("{}/dpo", controller.key)),
            contact_person: self
                .random
                .chance(0.7)
                .then(|| format!("{}/contact-person", controller.key)),
            supervisory_authority: Some("tietosuojavaltuutettu".into()),
            notice_prepared_on: Some(prepared),
            notice_updated_on: updated,
            automated_decision_making: Some(if self.random.chance(0.9) {
                text(NO_AUTOMATED_DECISIONS)
            } else {
                text(PROFILING)
            }),
            other_information: self.random.chance(0.15).then(|| {
                loc(
                    "Lisätietoja henkilötietojen käsittelystä antaa tietosuojavastaava.",
                    "The data protection officer gives more information on the processing.",
                )
            }),
            disclosure_statement: None,
            transfer_statement: None,
            automated_decision_safeguards: None,
            legal_bases: Vec::new(),
            provision_requirement: None,
            provision_consequences: None,
            rights: Vec::new(),
            note: Some(format!("generated: seed {}, register {}", self.seed, i + 1)),
            systems: Some(self.register_systems(systems)),
            purposes: Some(self.purposes(topic, special)),
            data_subject_categories: Some(self.subjects(topic)),
            data_categories: Some(categories.iter().map(|&k| self.category_link(k)).collect()),
            sources: Some(self.sources()),
            recipients: Some(self.recipients()),
            retention_rules: Some(self.retention(&categories)),
            security_measures: Some(self.security()),
            transfers: Some(self.transfers(&key, processors, &engagements, transfers)),
            processors: Some(engagements),
            external_id: Some(key),
        }
    }

    fn register_systems(&mut self, systems: usize) -> Vec<String> {
        let count = self.random_between(0, 3).min(systems);
        let mut chosen = self.random.distinct(systems, count);
        chosen.sort_unstable();
        chosen
            .into_iter()
            .map(|s| format!("system-{:04}", s + 1))
            .collect()
    }

    fn random_between(&mut self, low: usize, high: usize) -> usize {
        low + self.random.below(high - low + 1)
    }

    /// Four to eight categories, the name nearly always among them. Indices
    /// into `data_categories()`: base × contexts + context.
    fn register_categories(&mut self) -> Vec<usize> {
        let weights: Vec<f64> = CATEGORIES.iter().map(|c| c.weight).collect();
        let count = self.random_between(4, 8);
        let mut picks = Vec::with_capacity(count);
        fn context(random: &mut Random) -> usize {
            if random.chance(0.4) {
                0
            } else {
                1 + random.below(CONTEXTS.len() - 1)
            }
        }
        if self.random.chance(0.8) {
            picks.push(context(&mut self.random));
        }
        for _ in 0..count * 20 {
            if picks.len() == count {
                break;
            }
            let pick = self.random.weighted(&weights) * CONTEXTS.len() + context(&mut self.random);
            if !picks.contains(&pick) {
                picks.push(pick);
            }
        }
        picks
    }

    fn category_link(&mut self, index: usize) -> RegisterDataCategoryInput {
        let base = &CATEGORIES[index / CONTEXTS.len()];
        let justification = if base.national_id && self.random.chance(0.85) {
            Some(text(NATIONAL_ID_GROUND))
        } else if base.criminal && self.random.chance(0.8) {
            Some(text(CRIMINAL_GROUND))
        } else {
            None
        };
        RegisterDataCategoryInput {
            category: category_key(index),
            note: match self.random.below(10) {
                0 => Some(loc("Pakollinen tieto", "Mandatory")),
                1 => Some(loc("Vapaaehtoinen tieto", "Optional")),
                _ => None,
            },
            justification,
            stored: true,
        }
    }

    fn purposes(&mut self, topic: &Topic, special: bool) -> Vec<PurposeInput> {
        let count = self.random_between(2, 3).min(topic.purposes.len());
        let mut chosen = self.random.distinct(topic.purposes.len(), count);
        chosen.sort_unstable();
        let condition = (special && self.random.chance(0.92)).then_some(topic.condition);
        chosen
            .into_iter()
            .enumerate()
            .map(|(n, k)| {
                let (fi, en, basis) = topic.purposes[k];
                let basis = match self.random.below(100) {
                    0..=3 => None,
                    4..=6 => Some(*self.random.pick(LegalBasis::ALL)),
                    _ => Some(basis),
                };
                let interest = (basis == Some(LegalBasis::LegitimateInterests)
                    && self.random.chance(0.9))
                .then(|| text(*self.random.pick(&INTERESTS)));
                PurposeInput {
                    description: loc(fi, en),
                    legal_basis: basis,
                    law: national_law(basis),
                    legitimate_interest: interest,
                    special_category_condition: if n == 0 { condition } else { None },
                }
            })
            .collect()
    }

    fn subjects(&mut self, topic: &Topic) -> Vec<String> {
        let mut keys: Vec<String> = topic.subjects.iter().map(|s| (*s).to_owned()).collect();
        if self.random.chance(0.3) {
            let (extra, _, _) = *self.random.pick(&SUBJECTS);
            if !topic.subjects.contains(&extra) {
                keys.push(extra.to_owned());
            }
        }
        keys
    }

    fn sources(&mut self) -> Vec<DataSourceInput> {
        let count = self.random_between(1, 3);
        let mut kinds = Vec::with_capacity(count);
        if self.random.chance(0.85) {
            kinds.push(0);
        }
        while kinds.len() < count {
            let k = self.random.below(SOURCES.len());
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        kinds
            .into_iter()
            .map(|k| DataSourceInput {
                kind: SOURCES[k].0,
                description: text(SOURCES[k].1),
            })
            .collect()
    }

    fn recipients(&mut self) -> Vec<RecipientInput> {
        (0..self.random_between(0, 2))
            .map(|_| {
                if self.random.chance(0.5) {
                    let (key, _) = *self.random.pick(&RECIPIENTS);
                    RecipientInput {
                        organization: Some(format!("fi-authority/{key}")),
                        description: Some(loc(
                            "Lakisääteiset ilmoitukset",
                            "Reports required by law",
                        )),
                        hedge: None,
                    }
                } else {
                    RecipientInput {
                        organization: None,
                        description: Some(text(*self.random.pick(&RECIPIENT_CATEGORIES))),
                        hedge: None,
                    }
                }
            })
            .collect()
    }

    fn retention(&mut self, categories: &[usize]) -> Vec<RetentionRuleInput> {
        (0..self.random_between(1, 3))
            .map(|n| {
                let data_category = (n > 0 && !categories.is_empty())
                    .then(|| category_key(*self.random.pick(categories)));
                let exceptions = self.random.chance(0.1).then(|| text(EXCEPTIONS));
                if self.random.chance(0.08) {
                    RetentionRuleInput {
                        data_category,
                        amount: None,
                        unit: None,
                        trigger: None,
                        criteria: Some(text(*self.random.pick(&CRITERIA))),
                        exceptions,
                        ..RetentionRuleInput::default()
                    }
                } else {
                    let (amount, unit) = *self.random.pick(&PERIODS);
                    RetentionRuleInput {
                        data_category,
                        amount: Some(amount),
                        unit: Some(unit),
                        trigger: Some(text(*self.random.pick(&TRIGGERS))),
                        criteria: None,
                        exceptions,
                        ..RetentionRuleInput::default()
                    }
                }
            })
            .collect()
    }

    fn security(&mut self) -> Vec<SecurityMeasureInput> {
        let count = self.random_between(2, 4);
        let mut chosen = self.random.distinct(SECURITY.len(), count);
        chosen.sort_unstable();
        chosen
            .into_iter()
            .map(|k| {
                let (kind, material, description) = SECURITY[k];
                SecurityMeasureInput {
                    kind,
                    material,
                    description: text(description),
                }
            })
            .collect()
    }

    /// Some engagements are sub-processors of an earlier one, which makes chains.
    fn engagements(
        &mut self,
        register: &str,
        processors: &[Processor],
        engaged: &[usize],
    ) -> Vec<ProcessorEngagementInput> {
        engaged
            .iter()
            .enumerate()
            .map(|(j, &p)| {
                let processor = &processors[p];
                let parent = (j > 0 && self.random.chance(0.15))
                    .then(|| format!("{register}/processor-{}", 1 + self.random.below(j)));
                let (fi, en, _) = SERVICES[processor.service];
                let mut countries = vec![processor.country.to_owned()];
                if self.random.chance(0.2) {
                    let extra = *self.random.pick(&["IE", "SE", "DE", "US", "IN", "NL"]);
                    if extra != processor.country {
                        countries.push(extra.to_owned());
                    }
                }
                let contract_date = self
                    .random
                    .chance(0.75)
                    .then(|| self.random.date(date(2018, 5, 25), date(2025, 6, 30)));
                let contract_reference = self.random.chance(0.5).then(|| {
                    format!(
                        "DPA-{}-{:04}",
                        2018 + self.random.below(8),
                        self.random.below(10_000)
                    )
                });
                ProcessorEngagementInput {
                    external_id: Some(format!("{register}/processor-{}", j + 1)),
                    processor: processor.key.clone(),
                    role: Some(if parent.is_some() {
                        EngagementRole::SubProcessor
                    } else {
                        EngagementRole::Processor
                    }),
                    parent,
                    service: Some(loc(fi, en)),
                    processing_countries: countries,
                    contract_date,
                    contract_reference,
                    hedge: None,
                    conditions: self.random.chance(0.3).then(|| {
                        loc(
                            "Käsittelee tietoja vain rekisterinpitäjän dokumentoitujen ohjeiden mukaisesti.",
                            "Processes the data only on the controller's documented instructions.",
                        )
                    }),
                }
            })
            .collect()
    }

    fn transfers(
        &mut self,
        register: &str,
        processors: &[Processor],
        engagements: &[ProcessorEngagementInput],
        plans: &[TransferPlan],
    ) -> Vec<TransferInput> {
        plans
            .iter()
            .enumerate()
            .map(|(k, plan)| {
                let processor = plan.processor.map(|p| &processors[p]);
                let destination = processor.map_or("US", |p| p.country);
                // A processor's own sub-processor abroad signs module 3 of the 2021 clauses.
                let sub_processor = plan
                    .engagement
                    .and_then(|j| engagements.get(j))
                    .is_some_and(|e| e.parent.is_some());
                let mut transfer = TransferInput {
                    external_id: Some(format!("{register}/transfer-{}", k + 1)),
                    recipient: processor.map(|p| p.key.clone()),
                    engagement: plan
                        .engagement
                        .map(|j| format!("{register}/processor-{}", j + 1)),
                    destination_country: Some(destination.to_owned()),
                    ..TransferInput::default()
                };
                self.mechanism(&mut transfer, destination, sub_processor);
                transfer
            })
            .collect()
    }

    /// The legal ground of a transfer, as it is typically recorded for the destination.
    fn mechanism(&mut self, transfer: &mut TransferInput, destination: &str, module_3: bool) {
        use TransferMechanism as M;
        let in_eea = CountryCode::parse(destination).is_ok_and(|c| c.in_eea());
        let roll = self.random.below(100);
        let mechanism = if in_eea {
            M::None
        } else if ADEQUATE.contains(&destination) {
            if roll < 85 {
                M::AdequacyDecision
            } else {
                M::StandardContractualClauses
            }
        } else if destination == "US" {
            match roll {
                0..=44 => M::DataPrivacyFramework,
                45..=79 => M::StandardContractualClauses,
                80..=87 => M::PrivacyShield,
                88..=92 => M::BindingCorporateRules,
                93..=96 => M::Derogation,
                _ => M::Unknown,
            }
        } else {
            match roll {
                0..=69 => M::StandardContractualClauses,
                70..=79 => M::BindingCorporateRules,
                80..=87 => M::Derogation,
                88..=93 => M::None,
                _ => M::Unknown,
            }
        };
        transfer.mechanism = mechanism;
        let (fi, en) = if in_eea {
            (
                format!("Tietoja käsitellään EU/ETA-alueella ({destination})."),
                format!("The data is processed inside the EU/EEA ({destination})."),
            )
        } else {
            (
                format!("Tietoja siirretään EU/ETA-alueen ulkopuolelle ({destination})."),
                format!("The data is transferred outside the EU/EEA ({destination})."),
            )
        };
        transfer.description = Some(loc(&fi, &en));
        match mechanism {
            M::StandardContractualClauses => {
                let old = self.random.chance(0.1);
                let signed = if old {
                    self.random.date(date(2012, 1, 1), date(2021, 9, 26))
                } else {
                    self.random.date(date(2021, 9, 27), date(2025, 12, 31))
                };
                transfer.scc_version = Some(if old {
                    SccVersion::Scc2010
                } else {
                    SccVersion::Scc2021
                });
                transfer.safeguard_reference = Some(if old {
                    "SCC 2010/87/EU".into()
                } else if module_3 {
                    "SCC 2021/914 module 3".into()
                } else {
                    "SCC 2021/914 module 2".into()
                });
                transfer.signed_on = Some(signed);
                transfer.valid_from = Some(signed);
                transfer.valid_to = self
                    .random
                    .chance(0.1)
                    .then(|| signed + chrono::Duration::days(3 * 365));
            }
            M::DataPrivacyFramework => {
                transfer.certification_checked_on =
                    Some(self.random.date(date(2023, 7, 10), date(2025, 12, 31)));
                transfer.valid_from = Some(date(2023, 7, 10));
            }
            M::PrivacyShield => {
                transfer.signed_on = Some(self.random.date(date(2016, 8, 1), date(2020, 7, 15)));
            }
            M::BindingCorporateRules => {
                transfer.safeguard_reference =
                    Some("BCR approved by the lead supervisory authority".into());
            }
            M::AdequacyDecision => {
                transfer.safeguard_reference = Some(format!("Adequacy decision ({destination})"));
            }
            M::Derogation => {
                transfer.safeguard_reference = Some("GDPR Art. 49(1)(b)".into());
            }
            M::None | M::Unknown => {}
        }
    }
}

/// The externalId of the taxonomy entry at `index` (see `data_categories`).
/// The act a purpose's basis rests on, where the basis is a legal obligation
/// or a public task (Art. 6(3)); for the generated purposes, bookkeeping.
fn national_law(basis: Option<LegalBasis>) -> Option<LawReference> {
    matches!(
        basis,
        Some(LegalBasis::LegalObligation | LegalBasis::PublicTask)
    )
    .then(|| LawReference {
        act: "1336/1997".into(),
        section: Some("2 luku 10 §".into()),
        title: None,
    })
}

fn category_key(index: usize) -> String {
    let base = &CATEGORIES[index / CONTEXTS.len()];
    match CONTEXTS[index % CONTEXTS.len()] {
        ("", _, _) => base.key.to_owned(),
        (context, _, _) => format!("{}/{context}", base.key),
    }
}

/// The shared taxonomy: every base category plain and in each context.
fn data_categories() -> Vec<DataCategoryInput> {
    (0..CATEGORIES.len() * CONTEXTS.len())
        .map(|index| {
            let base = &CATEGORIES[index / CONTEXTS.len()];
            let (_, context_fi, context_en) = CONTEXTS[index % CONTEXTS.len()];
            let name = if context_fi.is_empty() {
                text(base.name)
            } else {
                loc(
                    &format!("{} ({context_fi})", base.name.0),
                    &format!("{} ({context_en})", base.name.1),
                )
            };
            DataCategoryInput {
                external_id: Some(category_key(index)),
                name,
                description: None,
                special_category: base.special,
                criminal: base.criminal,
                national_identifier: base.national_id,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
