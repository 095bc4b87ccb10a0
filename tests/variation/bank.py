"""Text the generator draws on: actions, concerns, narrative, conclusions, names. All fictional.

Actions are verb phrases in the base form (no subject, no full stop). "{its}" becomes "its" or
"their" to agree with the subject. Narrative never uses a modal verb, except NEAR_MISSES, which talk
about forces and services with "should" or "must" and are not items.
"""
from __future__ import annotations

POLICE_ACTIONS = (
    "make sure that every decision to clear a vetting applicant with adverse information is recorded, with the reasons for it, and reviewed by a supervisor",
    "review how referrals about online child abuse are allocated, so that each referral reaches the team best placed to investigate it without delay",
    "make sure that officers and staff who investigate domestic abuse have completed the national training programme",
    "introduce a process to check that victims are kept informed about the progress of their cases, in line with the Victims’ Code",
    "make sure that counter-corruption units have enough trained investigators to assess all the intelligence they receive within 48 hours",
    "publish clear guidance on how stop and search encounters recorded on body-worn video are to be reviewed by supervisors",
    "establish a single process for recording and sharing information about officers dismissed for gross misconduct",
    "evaluate the effect of {its} neighbourhood policing model on public confidence, and share the findings with partners",
    "make sure that call handlers use a structured risk assessment for every call about a missing child",
    "carry out a review of digital forensic backlogs and set a timescale for clearing them",
    "make sure that data on the use of force is recorded accurately and analysed to identify disproportionality",
    "improve how information about registered sex offenders is shared with local authorities and probation services",
    "develop a workforce plan that sets out how enough detectives will be recruited and trained to meet demand",
    "make sure that supervisors review every crime that is closed without a suspect being identified",
    "amend the guidance on vetting to include checks of applicants’ public social media accounts",
    "provide a clear route for officers and staff to report sexual misconduct by colleagues in confidence",
    "make sure that the needs of victims of anti-social behaviour are assessed and recorded at the first contact",
    "make sure that every domestic abuse protection order is monitored and that breaches are acted on promptly",
    "set up arrangements to audit the quality of crime recording at least once a year",
    "make sure that frontline officers can use mobile devices to search police databases while on patrol",
    "agree a standard for the time taken to answer non-emergency calls, and publish performance against it",
    "make sure that the specialist training for child abuse investigators covers the use of digital evidence",
    "improve how the wellbeing of officers who view indecent images of children is monitored and supported",
    "review the guidance on the handling of hate crime reports, so that it reflects the current law",
    "make sure that independent advisory groups are consulted before significant changes to stop and search practice",
    "introduce a system for tracking the actions from domestic homicide reviews until each has been completed",
    "make sure that intelligence about police perpetrated domestic abuse is assessed and acted on",
    "improve how missing children who are at risk of exploitation are identified and protected",
)

FIRE_ACTIONS = (
    "make sure that {its} risk-based inspection programme prioritises the highest-risk premises",
    "make sure that the risk information given to crews is accurate and up to date, and that crews can get it easily at incidents",
    "target home fire safety visits at the people most at risk from fire, using all the data available",
    "make sure that on-call fire engines are available when they are needed, and monitor availability every month",
    "make sure that all staff understand and demonstrate the core code of ethics",
    "improve how bullying, harassment and discrimination are reported and dealt with",
    "review the arrangements for responding to fires in high-rise residential buildings",
    "make sure that protection staff are trained to use the full range of enforcement powers consistently",
    "evaluate {its} prevention activities to find out which of them reduce risk",
    "make sure that fire safety audits are completed within the timescales set in the inspection programme",
    "improve how the wellbeing of staff who attend traumatic incidents is supported",
    "make sure that business continuity arrangements for the control room are tested regularly",
    "develop a plan to increase the diversity of the workforce, with clear measures of progress",
    "make sure that operational learning from incidents is recorded and shared across all stations",
    "make sure that safeguarding concerns raised by crews are referred to the right agency without delay",
    "review how the control room gives fire survival guidance to callers in tall buildings",
    "make sure that managers hold regular performance and development conversations with all staff",
)

CUSTODY_ACTIONS = (
    "make sure that every use of force in custody is recorded and reviewed by a supervisor",
    "make sure that detainees at risk of self-harm are observed at the level set in their care plan",
    "make sure that custody staff complete their mandatory training on time",
    "make sure that detainees’ privacy is protected when they are booked into custody",
    "make sure that alternatives to custody are considered for children and vulnerable adults",
    "make sure that a pre-release risk assessment is completed for every detainee",
    "make sure that detainees held for longer periods are offered a shower, exercise and reading material",
    "make sure that custody performance data is accurate and is used to improve outcomes for detainees",
    "make sure that appropriate adults are available for children at all times, including at night",
    "improve how custody records are completed so that they show the reasons for decisions",
    "make sure that detainees are told how to make a complaint and that complaints are dealt with promptly",
    "make sure that handovers between custody shifts include every detainee’s risks and care plan",
    "make sure that children who are charged and refused bail are moved to local authority accommodation",
    "make sure that CCTV in the custody suites covers every cell and is reviewed after each use of force",
)

FOLLOW_UPS = (
    "This includes making sure that supervisors check the quality of the work.",
    "The results are to be reported to the chief officer team every quarter.",
    "Progress will be reviewed at our next inspection.",
    "This applies to officers and staff alike, including those on temporary contracts.",
    "It is important that the arrangements are understood by partner organisations.",
)

CONCERNS = {
    "police": (
        "The force isn’t doing enough to make sure that calls for service are answered promptly, and it doesn’t always assess the risk to callers.",
        "The force doesn’t have enough trained investigators to deal with the number of serious crimes it records, and too many investigations are not supervised.",
        "The force does not always identify vulnerable victims when they first contact it, so it cannot make sure they get the right support.",
        "The force does not manage registered sex offenders effectively, and too many of their risk assessments are overdue.",
    ),
    "fire": (
        "The service isn’t doing enough to make sure that the buildings in its area that pose the highest risk are inspected.",
        "The service doesn’t have effective arrangements to make sure that its fire engines are available when they are needed.",
        "The service has not done enough to tackle bullying, harassment and discrimination, and staff don’t have confidence in its procedures.",
    ),
    "custody": (
        "Leaders did not have effective oversight of the use of force in custody. Not all incidents were recorded, and the data was not analysed.",
        "Detainees at risk of self-harm were not always observed at the level set in their care plan, and some checks were missed altogether.",
        "Detainees were held in custody for too long before being taken to court, and some spent more than 48 hours in a cell.",
    ),
}

NARRATIVE = {
    "police": (
        "We inspected how well the police respond to this kind of crime. We visited six forces, reviewed 240 case files and spoke to more than 300 officers, staff and partners.",
        "Most of the officers and staff we spoke to were committed and knowledgeable. Many told us that their workload had grown over the past three years.",
        "The number of reports has increased every year since 2019. Forces receive most of them from partner organisations and from members of the public.",
        "In the cases we reviewed, supervision was inconsistent. Some supervisors checked every investigation each week; others had not reviewed a case for months.",
        "Victims told us that they valued being kept informed. Where officers had explained what would happen next, victims were more confident in the police.",
        "Forces had different ways of organising this work. Some had specialist teams, while others relied on response officers with little training.",
        "The data that forces hold is not always accurate. In several forces we found records that had been closed without any action being taken.",
        "Chief officers were aware of these problems, and some had already started to address them. But progress was slow, and it was not always monitored.",
        "Partner organisations were positive about their relationships with the police. They described officers as helpful and willing to share information.",
        "We found examples of good practice, which we describe in this chapter. We have shared them with the College of Policing so that other forces can learn from them.",
        "The arrangements for sharing information between teams were complicated. Officers did not always know who held the information they needed.",
        "In 38 of the 240 cases we reviewed, there was no record that the risk to the victim had been assessed at the first contact.",
        "Training has improved since our last inspection. Most officers had completed an online course, although few had received classroom training.",
        "The force has a clear plan for how it will improve. Its chief officers understand where performance is weakest, and they have put in place a programme of change.",
    ),
    "fire": (
        "The service has a good understanding of the risks in its area. Its community risk management plan was developed after consultation with the public.",
        "Crews gather information about risks in their station areas. But some of the information on the mobile data terminals was out of date.",
        "The service works well with other organisations to reduce risk. It shares data with the local councils, the ambulance service and the police.",
        "The service has lost experienced protection staff faster than it has been able to train new ones, and its inspection programme has fallen behind.",
        "Staff told us that they were proud to work for the service. But some said that they had seen bullying and that they did not feel confident reporting it.",
        "The service’s budget is balanced for the current year, but it has a gap of £2.1 million over the next three years.",
        "The service meets its response standards in urban areas but not in rural areas, where it relies on on-call firefighters.",
        "The service has improved how it evaluates its prevention work. It now asks people who have had a home fire safety visit whether they have changed their behaviour.",
        "The service tackles fire-setting behaviour well. Its trained advisers work with children and young people referred to it by schools and the police.",
        "Water safety is a growing priority, and the service works with the coastguard and the lifeboat service to reduce the number of drownings in the area.",
        "Control room staff handle more than 20,000 calls a year. The control room is shared with a neighbouring service, and the arrangement works well.",
        "The service carried out 1,200 fire safety audits last year. Most were of premises that it had identified as high risk.",
        "Firefighters train regularly for the risks they are likely to face. Records of their training were accurate and up to date.",
        "The service has a clear process for learning from operational incidents. Crews debrief after significant incidents, and the lessons are shared.",
        "Staff wellbeing is taken seriously. The service has trained mental health first aiders, and it offers counselling to staff after traumatic incidents.",
        "The workforce is less diverse than the community it serves. The service has started positive action campaigns to attract more applicants from under-represented groups.",
    ),
    "custody": (
        "We carried out an unannounced inspection of the custody suites. Two suites are open all the time; the others are used when they are full.",
        "Leaders had a clear vision for custody, and staff were committed to treating detainees well.",
        "Officers understood the need to divert vulnerable people away from custody, and street triage services were available in the evenings.",
        "Detainees were usually booked in promptly. At busy times, they waited in vans in the yard, sometimes for more than an hour.",
        "Custody sergeants were polite and respectful, and they explained to detainees what was happening and why.",
        "Professional interpreting services were used well, and staff had access to translated information for detainees.",
        "Cells were mostly clean and free of graffiti, and the suites were well maintained.",
        "Health care was good, and detainees could see a nurse or paramedic quickly.",
        "Most detainees were released safely, and staff helped them to get home.",
        "Detainees were told about their rights and were given written information about them.",
        "We examined 60 custody records and observed 25 detainees being booked in. We also spoke to more than 40 detainees and 50 staff.",
        "Independent custody visitors attended regularly and their reports were discussed at a quarterly meeting. Leaders acted on most of what they raised.",
        "The suites were busy at weekends, when several detainees waited to be booked in at the same time. Staff managed the queues calmly.",
        "Food was microwaved meals, and detainees could have hot and cold drinks on request. Dietary and religious needs were met.",
        "Liaison and diversion workers saw detainees with mental health needs quickly. They made referrals to community services before release.",
        "Detention reviews by inspectors were carried out on time, and most were done face to face. Detainees who were asleep were told about the review when they woke.",
        "Detainees’ property was stored securely, and it was returned to them on release. Staff recorded what was taken and signed for it.",
        "Staff told us that handovers between shifts were sometimes rushed. We saw good handovers in two suites but not in the others.",
    ),
}

NEAR_MISSES = {
    "police": (
        "Officers told us that the force should do more to recognise their work, and several said they had not had a supervision meeting for more than a year.",
        "In our last report we said that forces should review how they allocate referrals. Most have done so, and we are pleased with the progress.",
        "The guidance says that forces should record every report of a missing person on the same day. In most of the cases we reviewed, this happened.",
        "Some victims felt that they should have been told sooner that their case had been closed, and a few said they had found out by chance.",
        "Partners told us that the police should be more involved in local safeguarding arrangements, and that meetings were often poorly attended.",
    ),
    "fire": (
        "Staff said that the service should have consulted them before changing the shift pattern, and that the reasons for the change had not been explained.",
        "Leaders agreed that the service must improve how it evaluates its prevention work, and a new evaluation framework is being introduced.",
        "The national framework says that fire and rescue services should collaborate with other emergency services. The service does this well.",
        "Some on-call firefighters told us that the service should pay more attention to their availability, because they often wait weeks for a decision.",
    ),
}
NEAR_MISSES["custody"] = NEAR_MISSES["police"]

CONCLUSIONS = (
    "Most forces have made progress since our last inspection, but the pace of change has been too slow.",
    "The arrangements for sharing intelligence between forces and regional units are complicated and poorly understood.",
    "Forces do not yet have a clear picture of the demand they face from online offending.",
    "The College of Policing’s guidance is generally sound, although officers are not always aware of it.",
    "Victims were more satisfied where officers had kept them informed about their case.",
    "Forces should be commended for the commitment of their specialist staff, who work under considerable pressure.",
    "Chief constables should be in no doubt about the scale of the problem, which has grown every year since 2019.",
)

FORCES = ("Northmoor Police", "Kingsvale Constabulary", "Ashdown Vale Police", "Eastmere Police", "Hollowdale Constabulary")
SERVICES = ("Westmoor Fire and Rescue Service", "Kingsvale Fire and Rescue Service", "Ashdown Fire and Rescue Service")
SYSTEMS = ("the national vetting database", "the Niche records management system", "body-worn video", "digital case files")

TOPICS = {
    "national": (
        "how well the police tackle corruption",
        "vetting, misconduct and misogyny in the police service",
        "the police response to domestic abuse",
        "how forces manage registered sex offenders",
        "how well the police tackle online child sexual abuse and exploitation",
    ),
    "fire_national": (
        "how fire and rescue services in England protect the public in high-rise buildings",
        "standards of behaviour and the handling of misconduct in fire and rescue services",
    ),
}

SECTIONS = {
    "police": ("Responding to the public", "Investigating crime", "Protecting vulnerable people",
               "Managing offenders and suspects", "Building, supporting and protecting the workforce",
               "Leadership and force management"),
    "fire": ("Understanding the risk of fire and other emergencies", "Preventing fires and other risks",
             "Protecting the public through fire regulation", "Responding to fires and other emergencies",
             "Promoting the right values and culture", "Making best use of resources"),
    "custody": ("Leadership, accountability and partnerships", "Pre-custody: first point of contact",
                "In the custody suite: booking in, individual needs and legal rights",
                "In the custody suite: detainee care", "Release and transfer from custody"),
}
